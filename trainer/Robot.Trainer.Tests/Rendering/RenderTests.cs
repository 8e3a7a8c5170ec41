using Robot.Envs;
using Robot.Trainer.Cli;

namespace Robot.Trainer.Tests.Rendering;

/// <summary>`render`: an animated GIF of one episode, of the scene or of what the network sees.</summary>
[Collection(TorchCollection.Name)]
public class RenderTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static (int Width, int Height, int Frames) ReadGif(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(bytes, 0, 6));
        int frames = 0;
        for (int i = 0; i + 1 < bytes.Length; i++) if (bytes[i] == 0x21 && bytes[i + 1] == 0xF9) frames++; // graphic control extensions: one a frame
        return (bytes[6] | bytes[7] << 8, bytes[8] | bytes[9] << 8, frames);
    }

    [Theory]
    [InlineData("cartpole", false, 300, 200)]
    [InlineData("cartpole-pixels", false, 300, 200)]
    [InlineData("cartpole-pixels", true, 606, 150)]
    [InlineData("uniwheel", false, 320, 240)]
    public void OneEpisodeBecomesAnAnimatedGif(string env, bool whatItSees, int width, int height)
    {
        string path = Path.Combine(_dir, $"{env}-{whatItSees}.gif");
        var actor = Actors.For(env, env == "uniwheel" ? "lqr" : "random", 1);
        int frames = RenderCommand.Render(EnvRegistry.Create(env), actor, 1, 2, whatItSees, path);
        var gif = ReadGif(path);
        Assert.Equal((width, height), (gif.Width, gif.Height));
        Assert.True(frames >= 9, $"{frames} frames"); // random CartPole lasts 8 steps at least; the robot balances 2 s
        Assert.InRange(gif.Frames, frames - 1, frames + 1);
    }
}
