using System.CommandLine;
using Robot.Cli;
using Robot.Envs;
using Robot.Envs.CartPole;
using Robot.Envs.CartPolePixels;
using Robot.Envs.Uniwheel;
using Robot.Trainer.Rendering;
using SkiaSharp;

namespace Robot.Trainer.Cli;

/// <summary>`robot-trainer render`: one episode as an animated GIF, as people see it or as the network sees it.</summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var env = new Option<string>("--env") { Description = "Environment: " + string.Join(", ", EnvRegistry.Names), DefaultValueFactory = _ => "cartpole" };
        env.AcceptOnlyFromAmong([.. EnvRegistry.Names]);
        var policy = new Option<string>("--policy") { Description = "A run folder, a policy file (.rpol, run by the robot's runtime), 'random', or (uniwheel) 'lqr'", Required = true };
        var output = new Option<string>("--out") { Description = "The GIF to write (a new file)", Required = true };
        var seed = new Option<int>("--seed") { Description = "The episode's seed", DefaultValueFactory = _ => 0 };
        var seconds = new Option<double>("--seconds") { Description = "Stop after this much simulated time if the episode has not ended", DefaultValueFactory = _ => 10 };
        var whatItSees = new Option<bool>("--what-it-sees") { Description = "(cartpole-pixels) Draw the stacked frames the network receives instead of the scene" };
        var command = new Command("render", "Write one episode as an animated GIF: CartPole as Gymnasium draws it, the uniwheel robot from the side " +
            "(pushes in red, the motor's duty as a bar), or with --what-it-sees the frames a pixel policy is given.\n" +
            "Example: robot-trainer render --env uniwheel --policy hil-tests/fixtures/uniwheel-ppo.rpol --seed 3 --seconds 6 --out robot.gif")
            { env, policy, output, seed, seconds, whatItSees };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string envName = parse.GetValue(env)!, path = parse.GetValue(output)!;
            if (!path.EndsWith(".gif", StringComparison.OrdinalIgnoreCase)) throw new InputException($"--out: '{path}' must end in .gif");
            InputFile.RequireNewOutput(path, "--out");
            double limit = parse.GetValue(seconds);
            if (!(limit is > 0 and <= 600)) throw new InputException("--seconds must be in (0, 600]");
            bool frames = parse.GetValue(whatItSees);
            if (frames && envName != "cartpole-pixels") throw new InputException("--what-it-sees is for --env cartpole-pixels (the only env seen through pictures)");
            var actor = Actors.For(envName, parse.GetValue(policy)!, parse.GetValue(seed));
            int written = Render(EnvRegistry.Create(envName), actor, parse.GetValue(seed), limit, frames, path);
            Console.WriteLine($"{written} frames written to {Path.GetFullPath(path)}");
            return ExitCode.Success;
        }));
        return command;
    }

    /// <summary>Frames a push's arrow stays on (0.3 s).</summary>
    public const int PushFrames = 10;

    /// <summary>Runs one episode with <paramref name="actor"/> and writes it; returns the frame count.</summary>
    public static int Render(IEnv env, Training.Evaluator.Actor actor, int seed, double seconds, bool whatItSees, string path)
    {
        var spec = env.Spec;
        (double stepSeconds, int every, int width, int height) = env switch
        {
            UniwheelEnv => (0.005, 6, UniwheelArtist.Width, UniwheelArtist.Height), // 200 Hz steps, 33 frames a second
            _ when whatItSees => (CartPoleDynamics.Tau, 1, FramesArtist.Size(spec.Image!).Width, FramesArtist.Size(spec.Image!).Height),
            _ => (CartPoleDynamics.Tau, 1, CartPoleScene.CanvasWidth / 2, CartPoleScene.CanvasHeight / 2),
        };
        using var gif = new AnimatedGif(width, height, stepSeconds * every);
        var (bitmap, canvas) = AnimatedGif.NewSurface(width, height);
        using (bitmap)
        using (canvas)
        {
            var observation = new float[spec.ObservationSize];
            var action = new float[spec.Action.Width];
            env.Reset(seed, observation);
            int push = 0, pushShown = 0; // a push lasts one step: its arrow stays for PushFrames frames
            void Frame(double duty)
            {
                switch (env)
                {
                    case UniwheelEnv u: UniwheelArtist.Draw(canvas, u.TrueState, u.Parameters, duty, pushShown-- > 0 ? push : 0); break;
                    case CartPolePixelsEnv p when whatItSees: FramesArtist.Draw(canvas, spec.Image!, observation); break;
                    case CartPolePixelsEnv p: CartPoleArtist.Draw(canvas, p.State.State.X, p.State.State.Theta, 0.5f); break;
                    case CartPoleEnv c: CartPoleArtist.Draw(canvas, c.State.X, c.State.Theta, 0.5f); break;
                    default: throw new InvalidOperationException($"no picture for {spec.Id}");
                }
                canvas.Flush();
                gif.Add(bitmap);
            }
            Frame(0);
            int steps = (int)Math.Ceiling(seconds / stepSeconds);
            for (int k = 1; k <= steps; k++)
            {
                actor(observation, 1, action);
                var result = env.Step(action, observation);
                if (env is UniwheelEnv { LastPush: not 0 } pushed)
                {
                    push = Math.Sign(pushed.LastPush);
                    pushShown = PushFrames;
                }
                if (k % every == 0 || result.Terminated || result.Truncated) Frame(spec.Action.IsDiscrete ? 0 : action[0]);
                if (result.Terminated || result.Truncated) break;
            }
        }
        gif.Save(path);
        return gif.Frames;
    }
}
