using CrossMargin.Cli.Stack;

namespace CrossMargin.Cli.Tests.Stack;

/// <summary>The one data-directory layout: every path under the root, and old-layout keeper checkpoints adopted.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly DataDirectory _data = new(Directory.CreateTempSubdirectory("crossmargin-layout-").FullName);

    [Fact]
    public void Paths_AllUnderTheRoot_KeeperCheckpointInItsFolder()
    {
        Assert.Equal(Path.Combine(_data.Root, "anvil-state.json"), _data.AnvilState);
        Assert.Equal(Path.Combine(_data.Root, "anvil.pid"), _data.AnvilPid);
        Assert.Equal(Path.Combine(_data.Root, "deployment.json"), _data.Deployment);
        Assert.Equal(Path.Combine(_data.Root, "index.db"), _data.IndexDb);
        Assert.Equal(Path.Combine(_data.Root, "keeper", "checkpoint.json"), _data.KeeperCheckpoint);
        Assert.Contains(Path.Combine(_data.Root, "keeper-checkpoint.json"), _data.ChainBoundFiles);
    }

    [Fact]
    public void PrepareKeeperCheckpoint_OldLayoutOnly_MovesBookAndInflightToTheNewLayout()
    {
        File.WriteAllText(Path.Combine(_data.Root, "keeper-checkpoint.json"), "book");
        File.WriteAllText(Path.Combine(_data.Root, "keeper-checkpoint.json.inflight.json"), "[]");

        Assert.True(_data.PrepareKeeperCheckpoint(), "an old-layout checkpoint is adopted");

        Assert.Equal("book", File.ReadAllText(_data.KeeperCheckpoint));
        Assert.Equal("[]", File.ReadAllText(_data.KeeperCheckpoint + ".inflight.json"));
        Assert.False(File.Exists(Path.Combine(_data.Root, "keeper-checkpoint.json")), "the old file is moved, not copied");
        Assert.False(_data.PrepareKeeperCheckpoint(), "nothing left to adopt");
    }

    [Fact]
    public void PrepareKeeperCheckpoint_BothLayouts_KeepsTheNewOne()
    {
        File.WriteAllText(Path.Combine(_data.Root, "keeper-checkpoint.json"), "old");
        Directory.CreateDirectory(Path.GetDirectoryName(_data.KeeperCheckpoint)!);
        File.WriteAllText(_data.KeeperCheckpoint, "new");

        Assert.False(_data.PrepareKeeperCheckpoint(), "the new layout wins");
        Assert.Equal("new", File.ReadAllText(_data.KeeperCheckpoint));
    }

    [Fact]
    public void PrepareKeeperCheckpoint_Nothing_CreatesTheFolderOnly()
    {
        Assert.False(_data.PrepareKeeperCheckpoint(), "no checkpoint to adopt");
        Assert.True(Directory.Exists(Path.GetDirectoryName(_data.KeeperCheckpoint)), "the keeper folder exists for the first write");
        Assert.False(File.Exists(_data.KeeperCheckpoint), "no checkpoint invented");
    }

    public void Dispose() => Directory.Delete(_data.Root, recursive: true);
}
