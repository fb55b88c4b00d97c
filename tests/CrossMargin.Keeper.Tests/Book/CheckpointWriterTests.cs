using CrossMargin.Keeper.Book;

namespace CrossMargin.Keeper.Tests.Book;

public sealed class CheckpointWriterTests
{
    [Fact]
    public async Task Post_SeveralVersions_LatestOnDiskAndNoTempLeft()
    {
        var path = Path.Combine(Path.GetTempPath(), $"keeper-{Guid.NewGuid():N}", "cp.json");
        var writer = new CheckpointWriter();
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            writer.Post(path, () => [(byte)n]);
        }
        await writer.FlushAsync();
        Assert.Equal([19], await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(path + ".tmp"));
    }
}
