using Robot.Trainer.Cli;

namespace Robot.Trainer.Tests.Cli;

/// <summary>Shards of a bench sweep: together every run once, none twice.</summary>
public class BenchShardTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(40)]
    public void TheShardsCoverTheSweepExactlyOnce(int shards)
    {
        string[] algos = ["ppo", "trpo", "a2c"];
        var all = BenchCommand.ShardRuns(algos, 10, 0, 1);
        Assert.Equal(30, all.Length);
        var union = Enumerable.Range(0, shards).SelectMany(k => BenchCommand.ShardRuns(algos, 10, k, shards)).ToList();
        Assert.Equal(all.Length, union.Count);
        Assert.Equal(all.OrderBy(r => r.Algo).ThenBy(r => r.Seed), union.OrderBy(r => r.Algo).ThenBy(r => r.Seed));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData(null, 0, 1)]
    public void AShardIsKOfN(string? text, int k, int n) => Assert.Equal((k, n), BenchCommand.ParseShard(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void ABadShardIsRefused(string text) => Assert.Contains("--shard", Assert.Throws<ArgumentException>(() => BenchCommand.ParseShard(text)).Message);
}
