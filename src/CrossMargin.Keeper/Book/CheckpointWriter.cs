namespace CrossMargin.Keeper.Book;

/// <summary>
/// Writes files off the keeper loop, latest version wins per path, each atomically (temp file + rename), so a kill
/// mid-write leaves the previous complete file.
/// </summary>
internal sealed class CheckpointWriter
{
    private readonly Dictionary<string, Func<byte[]>> _pending = [];
    private readonly object _gate = new();
    private Task _drain = Task.CompletedTask;
    private bool _running;

    /// <summary>Queues <paramref name="content"/> (serialised on the writer's thread) for <paramref name="path"/>.</summary>
    public void Post(string path, Func<byte[]> content)
    {
        lock (_gate)
        {
            _pending[path] = content;
            if (!_running)
            {
                _running = true;
                _drain = Task.Run(Drain);
            }
        }
    }

    /// <summary>Completes when everything posted so far is on disk.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
            return _drain;
    }

    public static void WriteAtomic(string path, byte[] content)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
            Directory.CreateDirectory(dir);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    private void Drain()
    {
        while (true)
        {
            KeyValuePair<string, Func<byte[]>> next;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _running = false;
                    return;
                }
                next = _pending.First();
                _pending.Remove(next.Key);
            }
            try
            {
                WriteAtomic(next.Key, next.Value());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Keep the previous file; the next checkpoint tries again.
            }
        }
    }
}
