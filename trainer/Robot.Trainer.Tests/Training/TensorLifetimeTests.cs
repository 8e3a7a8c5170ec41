using Robot.Envs;
using Robot.Trainer.Training;
using System.Reflection;
using TorchSharp;

namespace Robot.Trainer.Tests.Training;

/// <summary>
/// Nothing native is left to the garbage collector. TorchSharp frees an undisposed tensor or scalar
/// from the finalizer thread, at any moment: also while libtorch is still reading it, since C#
/// passes only its handle and the object itself is garbage from then on. A2C runs on pictures died
/// of that hours in ("Unknown scalar type", "toFloat", a segfault in libtorch_cpu.so); a loop of
/// `(0.5 * x + 1e-8).clamp_min(0.01)` beside a thread collecting garbage fails within 16,000
/// iterations. So every tensor a step or an update makes is created inside a dispose scope, and
/// every number given to a tensor operation is a Scalar the code holds until the call returns.
/// </summary>
[Collection(TorchCollection.Name)]
public class TensorLifetimeTests
{
    /// <summary>Tensors this thread has created outside every dispose scope so far.</summary>
    static long CreatedOutsideScopes => DisposeScopeManager.Statistics.CreatedOutsideScopeCount;

    [Fact]
    public void TheTrainerNeverLetsCSharpConvertANumberToAScalar()
    {
        // `x.clamp(1 - clip, 1 + clip)` converts numbers to Scalars only the call's arguments mention, and
        // `0.5 * x` goes through TorchSharp's operators for plain numbers, which may do the same inside:
        // the pattern a dispose scope cannot catch, so the compiled code is searched for both.
        var conversions = typeof(Scalar).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == "op_Implicit").ToHashSet<MethodBase>();
        // TorchSharp's own methods that make such a Scalar inside, however deep (`a + b` is add(b, 1)).
        var callers = new Dictionary<MethodBase, List<MethodBase>>();
        var unsafeInTorchSharp = new HashSet<MethodBase>();
        var work = new Queue<MethodBase>();
        foreach (var type in typeof(torch.Tensor).Assembly.GetTypes())
            foreach (var method in Methods(type))
                foreach (var callee in Calls(method))
                {
                    if (conversions.Contains(callee) && unsafeInTorchSharp.Add(method)) work.Enqueue(method);
                    if (!callers.TryGetValue(callee, out var list)) callers[callee] = list = [];
                    list.Add(method);
                }
        while (work.TryDequeue(out var method))
            foreach (var caller in callers.GetValueOrDefault(method) ?? [])
                if (unsafeInTorchSharp.Add(caller)) work.Enqueue(caller);
        var found = new SortedSet<string>();
        foreach (var type in typeof(OnPolicyTrainer).Assembly.GetTypes())
            foreach (var method in Methods(type))
                foreach (var callee in Calls(method).Where(c => conversions.Contains(c) || unsafeInTorchSharp.Contains(c)))
                    found.Add($"{type.Name}.{method.Name} calls {callee.DeclaringType?.Name}.{callee.Name}({string.Join(", ", callee.GetParameters().Select(p => p.ParameterType.Name))})");
        Assert.True(found.Count == 0, $"{found.Count}: " + string.Join("; ", found));
    }

    static IEnumerable<MethodBase> Methods(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
    }

    /// <summary>The methods <paramref name="method"/>'s compiled body calls.</summary>
    static IEnumerable<MethodBase> Calls(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException) { yield break; }
        if (il is null) yield break;
        var type = method.DeclaringType;
        for (int i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F)) continue; // call, callvirt, followed by a method token
            MethodBase? callee = null;
            try
            {
                callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1),
                    type is { IsGenericType: true } ? type.GetGenericArguments() : null, method.IsGenericMethod ? method.GetGenericArguments() : null);
            }
            catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException) { } // operand bytes that only looked like a call
            if (callee is not null) yield return callee;
        }
    }

    [Theory]
    [InlineData("cartpole", "ppo")]
    [InlineData("uniwheel", "ppo")]
    [InlineData("cartpole-pixels", "a2c")]
    public void ActingAndPredictingValuesLeaveNoTensorBehind(string env, string algo)
    {
        var spec = EnvRegistry.Spec(env);
        var settings = Presets.Load(env, algo);
        var agent = AgentFactory.Create(spec, settings, 0, new Random(0));
        var envs = EnvRegistry.CreateVector(env, 4);
        envs.Reset(0);
        var actions = new float[4 * spec.Action.Width];
        var logProbs = new float[4];
        var values = new float[4];
        var rng = new Random(1);
        agent.Policy.Act(envs.Observations, 4, rng, deterministic: false, actions, logProbs); // first call: the input buffers are made
        agent.Value.Predict(envs.Observations, 4, spec.ObservationSize, values);
        long before = CreatedOutsideScopes;
        for (int i = 0; i < 20; i++)
        {
            agent.Policy.Act(envs.Observations, 4, rng, deterministic: i % 2 == 0, actions, logProbs);
            agent.Value.Predict(envs.Observations, 4, spec.ObservationSize, values);
            envs.Step(actions);
        }
        Assert.Equal(before, CreatedOutsideScopes);
    }

    [Theory]
    [InlineData("cartpole", "ppo", 16)]
    [InlineData("cartpole", "a2c", 16)]
    [InlineData("cartpole", "trpo", 16)]
    [InlineData("cartpole", "npg", 16)]
    [InlineData("cartpole", "reinforce", 500)] // whole episodes only: a rollout must end one
    [InlineData("uniwheel", "ppo", 16)]
    [InlineData("cartpole-pixels", "a2c", 16)]
    [InlineData("cartpole-pixels", "ppo", 16)]
    public void ATrainingIterationLeavesNoTensorBehind(string env, string algo, int stepsPerEnv)
    {
        string dir = Path.Combine(Path.GetTempPath(), "robot-lifetime-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var settings = Presets.Load(env, algo);
            // Small rollouts (the pixel preset's would take minutes): what is measured is per iteration.
            settings = settings with { Training = settings.Training with { NumEnvs = 2, StepsPerEnv = stepsPerEnv, TotalSteps = 6 * 2 * stepsPerEnv, EvalInterval = 4 * stepsPerEnv, EvalEpisodes = 1 } };
            var state = new RunState { Env = env, Seed = 0, Settings = settings };
            var rng = new Random(0);
            var agent = AgentFactory.Create(EnvRegistry.Spec(env), settings, 0, rng);
            var trainer = new OnPolicyTrainer(dir, agent, state, EnvRegistry.CreateVector(env, settings.Training.NumEnvs), rng, checkpointEvery: 2);
            var counts = new List<long>();
            trainer.Updated += _ => counts.Add(CreatedOutsideScopes);
            trainer.Run(CancellationToken.None);
            // From the second update on (the first makes the optimizer's state and the input buffers), none.
            Assert.True(counts.Count >= 4, $"{counts.Count} updates");
            Assert.Equal(counts[1], counts[^1]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
