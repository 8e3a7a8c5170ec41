using Robot.Cli;
using System.CommandLine;
using System.Text.Json;
using Robot.Envs;
using Robot.Policy;
using Robot.Trainer.Policies;
using Robot.Trainer.Training;

namespace Robot.Trainer.Cli;

/// <summary>`robot-trainer eval`: run deterministic episodes of a trained policy (or a random one) and report returns.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var env = new Option<string>("--env") { Description = "Environment: " + string.Join(", ", EnvRegistry.Names), DefaultValueFactory = _ => "cartpole" };
        env.AcceptOnlyFromAmong([.. EnvRegistry.Names]);
        var policy = new Option<string>("--policy") { Description = "A run folder written by train, a policy file (.rpol, run by the robot's runtime), 'random', or (uniwheel) 'lqr'", Required = true };
        var episodes = new Option<int>("--episodes") { Description = "Number of episodes", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Episode k starts from seed + k", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var widened = new Option<bool>("--widened") { Description = "uniwheel: randomize every physical parameter 25 % beyond its training range" };
        var plant = new Option<string?>("--plant") { Description = "uniwheel: evaluate on this robot (robot-plant.json), randomized around it as train --plant does; 'lqr' is then the LQR designed for it (--env defaults to uniwheel)" };
        var maxDrift = new Option<double?>("--max-drift") { Description = $"uniwheel: an episode that stays up but goes farther than this from its start (m) fails as drifted, as in training's deployability check (default {UniwheelEvaluation.DriftLimit} m balancing; driving: the 2 m wander limit)" };
        var besideLqr = new Option<bool>("--beside-lqr") { Description = "uniwheel: also run the LQR designed for the same plant on the same episodes and print its figures beside" };
        var command = new Command("eval", "Evaluate a policy: mean and std of return and episode length.\n" +
            "Example: robot-trainer eval --env cartpole --policy runs/ppo-1 --episodes 100 --seed 0")
        { env, policy, episodes, seed, json, widened, plant, maxDrift, besideLqr };

        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            int n = parse.GetValue(episodes);
            if (n < 1) throw new ArgumentException("--episodes must be at least 1");
            string source = parse.GetValue(policy)!;
            var robot = parse.GetValue(plant) is string plantPath ? new Robot.Envs.Uniwheel.PlantRandomization(SysidCommand.LoadPlant(plantPath)) : null;
            // A plant file describes the uniwheel: it is the env unless one is named.
            string envName = robot is not null && parse.GetResult(env) is null or { Implicit: true } ? "uniwheel" : parse.GetValue(env)!;
            if (robot is not null && !EnvRegistry.IsUniwheel(envName)) throw new ArgumentException($"--plant describes the uniwheel robot; {envName} has no plant");
            if (parse.GetValue(besideLqr) && !EnvRegistry.IsUniwheel(envName)) throw new ArgumentException($"--beside-lqr compares with the uniwheel's LQR; {envName} has none");
            if (parse.GetValue(maxDrift) is double d && !(d > 0)) throw new ArgumentException("--max-drift must be a positive distance in metres");
            if (parse.GetValue(maxDrift) is not null && !EnvRegistry.IsUniwheel(envName)) throw new ArgumentException($"--max-drift is for the uniwheel robot; {envName} has no drift");
            if (robot is not null && parse.GetValue(widened)) throw new ArgumentException("--widened widens the built-in robot's ranges; with --plant the ranges are the plant file's (leave one out)");
            if (EnvRegistry.IsUniwheel(envName) && source != "random")
            {
                bool driving = envName == "uniwheel-drive";
                var designedFor = robot?.Plant.Parameters ?? new Robot.Dynamics.Plant.UniwheelParameters();
                var model = source == "lqr" ? Export.LqrPolicyFile.Create(designedFor, driving: driving)
                    : File.Exists(source) ? LoadFile(source, envName)
                    : Export.PolicyExporter.ToModel(Load(source, envName), Checkpoint.ReadState(source));
                double? spread = robot is not null ? null : parse.GetValue(widened) ? 0.25 : 0.2;
                var drift = parse.GetValue(maxDrift);
                var report = UniwheelEvaluation.Evaluate(model, n, parse.GetValue(seed), spread ?? 0.2, robot, drift);
                var lqr = parse.GetValue(besideLqr) ? UniwheelEvaluation.Evaluate(Export.LqrPolicyFile.Create(designedFor, driving: driving), n, parse.GetValue(seed), spread ?? 0.2, robot, drift) : null;
                string where = $"{envName}{(robot is null ? "" : $" ({Path.GetFileName(parse.GetValue(plant))})")} (30 s episodes, pushes, parameters {(robot is null ? $"+-{spread:P0}" : "around the plant file")})";
                Console.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new
                    {
                        env = envName, policy = source, plant = parse.GetValue(plant), episodes = report.Episodes, parameter_spread = spread,
                        result = Figures(report), lqr = lqr is null ? null : Figures(lqr),
                    })
                    : $"{source} on {where}: {report}" + (lqr is null ? "" : $"\nLQR for {(robot is null ? "the built-in robot" : "this plant")} on the same episodes: {lqr}"));
                return 0;
            }
            var result = File.Exists(source)
                ? Evaluator.Evaluate(envName, LoadFile(source, envName), n, parse.GetValue(seed))
                : Evaluator.Evaluate(envName, source == "random" ? null : Load(source, envName), n, parse.GetValue(seed));
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    env = envName, policy = source, episodes = result.Episodes,
                    mean_return = result.MeanReturn, std_return = result.StdReturn,
                    mean_length = result.MeanLength, std_length = result.StdLength,
                }));
            else
                Console.WriteLine($"{source} on {envName}: return {result.MeanReturn:F2} ± {result.StdReturn:F2}, " +
                                  $"length {result.MeanLength:F1} ± {result.StdLength:F1} over {result.Episodes} episodes");
            return 0;
        }));
        return command;
    }

    /// <summary>A uniwheel report's figures for --json.</summary>
    static object Figures(UniwheelReport r) => new
    {
        success_rate = r.SuccessRate, mean_abs_tilt_deg = r.MeanAbsTiltDegrees, mean_max_drift_m = r.MeanMaxDriftMeters, mean_abs_duty = r.MeanAbsDuty,
        speed_rms_error_m_s = double.IsNaN(r.SpeedRmsError) ? (double?)null : r.SpeedRmsError,
        command_rms_m_s = double.IsNaN(r.CommandRms) ? (double?)null : r.CommandRms,
        falls = r.Falls, falls_at_duty_limit = r.FallsAtDutyLimit, drifts = r.Drifts, drift_limit_m = r.DriftLimit,
    };

    /// <summary>
    /// A policy file, refused unless it was made for <paramref name="envName"/>: the env its metadata
    /// names (when it names one) and the observations and action it takes must be the env's.
    /// </summary>
    public static PolicyModel LoadFile(string path, string envName)
    {
        var model = CommandLineHost.LoadPolicy(path);
        var spec = EnvRegistry.Spec(envName);
        if (model.Metadata("env") is string trainedOn && trainedOn != spec.Id)
            throw new InputException($"--policy: '{path}' was trained on {trainedOn}, not {spec.Id} (--env {envName})");
        if (spec.Image is ImageShape picture || model.Image is not null)
        {
            var image = model.Image;
            bool same = spec.Image is ImageShape p && image is not null && image.Frames == p.Frames && image.Height == p.Height && image.Width == p.Width;
            if (!same)
                throw new InputException($"--policy: '{path}' sees {(image is null ? "named observations" : $"{image.Frames}x{image.Height}x{image.Width} pictures")} " +
                    $"but {spec.Id} gives {(spec.Image is ImageShape q ? $"{q.Frames}x{q.Height}x{q.Width} pictures" : "named observations")}");
            return model;
        }
        bool fits = model.ObservationSize == spec.ObservationSize
            && Enumerable.Range(0, spec.ObservationSize).All(i => model.ObservationName(i) == spec.ObservationNames[i]);
        if (!fits)
            throw new InputException($"--policy: '{path}' takes observations ({string.Join(", ", Enumerable.Range(0, model.ObservationSize).Select(model.ObservationName))}) " +
                $"but {spec.Id} gives ({string.Join(", ", spec.ObservationNames)})");
        return model;
    }

    /// <summary>The TorchSharp policy of a run folder's last checkpoint.</summary>
    public static StochasticPolicy Load(string runDir, string envName)
    {
        if (!Directory.Exists(runDir)) throw new ArgumentException($"--policy: no such folder or file '{runDir}' (give a run folder, a .rpol file or 'random')");
        var state = Checkpoint.ReadState(runDir);
        if (state.Env != envName) throw new ArgumentException($"the policy in '{runDir}' was trained on '{state.Env}', not '{envName}'");
        var agent = AgentFactory.Create(EnvRegistry.Spec(envName), state.Settings, state.Seed, new Random(0));
        Checkpoint.LoadInto(runDir, agent);
        return agent.Policy;
    }
}
