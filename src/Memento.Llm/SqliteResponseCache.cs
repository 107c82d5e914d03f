using Memento.Core;
using Microsoft.Data.Sqlite;

namespace Memento.Llm;

/// <summary>
/// Chat responses stored in one SQLite file, keyed by a request hash (see <see cref="SqliteCachingChatClient"/>).
/// <c>read-write</c> serves hits and stores misses; <c>read-only</c> serves hits and turns a miss into an error, so a
/// rerun provably makes no request. One instance is shared by every client of a run (of a sweep's points, with
/// <see cref="SharedLlmResources"/>); access is serialised. <see cref="Claim"/> lets the clients send a missing
/// request once: whoever claims a key sends it, the others wait for its <see cref="Put"/> and read the stored response.
/// </summary>
public sealed class SqliteResponseCache : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource> _sending = new();
    private int _hits, _misses;

    /// <summary>Refuses a path that can never be the cache file (a directory), without creating anything.</summary>
    public static void CheckPath(string path)
    {
        if (Directory.Exists(path))
            throw MementoException.BadValue("cache.path", path, "a SQLite file to create or reuse, not a directory (e.g. " + Path.Combine(path, "responses.sqlite") + ")");
    }

    public SqliteResponseCache(string path, bool readOnly)
    {
        CheckPath(path);
        if (readOnly && !File.Exists(path)) throw MementoException.MissingFile(path, "cache file (cache.mode is read-only)");
        if (!readOnly && Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        FilePath = path;
        ReadOnly = readOnly;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            _connection.Open();
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw new MementoException($"config: cache.path = '{path}' cannot be opened as a SQLite file: {e.Message}");
        }
        if (!readOnly)
            Execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, model TEXT NOT NULL, response TEXT NOT NULL)");
    }

    public string FilePath { get; }
    public bool ReadOnly { get; }
    public int Hits => _hits;
    public int Misses => _misses;

    public string? Get(string key)
    {
        lock (_lock) return Find(key);
    }

    /// <summary>The stored response of <paramref name="key"/> (<see cref="CacheClaim.Stored"/>); else a request for it
    /// that another client is sending (<see cref="CacheClaim.Sending"/>: await it, then claim again); else the caller
    /// now sends it and must end with <see cref="Put"/> or <see cref="Release"/> (neither is set; read-only: nothing
    /// is claimed).</summary>
    internal CacheClaim Claim(string key)
    {
        lock (_lock)
        {
            if (_sending.TryGetValue(key, out var other)) return new CacheClaim(null, other.Task);
            if (Find(key) is { } stored) return new CacheClaim(stored, null);
            if (!ReadOnly) _sending[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new CacheClaim(null, null);
        }
    }

    /// <summary>Gives up a claimed key unsent (the request failed): a client waiting for it claims it next.</summary>
    internal void Release(string key)
    {
        lock (_lock)
            if (_sending.Remove(key, out var claim)) claim.SetResult();
    }

    private string? Find(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT response FROM responses WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        string? found;
        try
        {
            found = command.ExecuteScalar() as string;
        }
        catch (SqliteException e) when (ReadOnly)
        {
            throw new MementoException($"cache file {FilePath} is not a response cache: {e.Message}");
        }
        if (found is null) _misses++; else _hits++;
        return found;
    }

    public void Put(string key, string model, string response)
    {
        if (ReadOnly) return;
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO responses (key, model, response) VALUES ($key, $model, $response)";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$model", model);
            command.Parameters.AddWithValue("$response", response);
            command.ExecuteNonQuery();
            if (_sending.Remove(key, out var claim)) claim.SetResult();
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return Scalar("SELECT COUNT(*) FROM responses");
            }
        }
    }

    /// <summary>Adds the responses of another cache file that this one lacks; a key both hold keeps this file's response.
    /// So the caches of array tasks that each wrote their own file (SQLite on a network file system is not safe to share)
    /// become one. Returns the other file's count, how many were added, and how many keys both hold with different
    /// responses (an LLM that answered one request two ways).</summary>
    public (int Read, int Added, int Differing) MergeFrom(string path)
    {
        if (ReadOnly) throw new InvalidOperationException("a read-only cache takes no responses");
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "cache file");
        if (Path.GetFullPath(path) == Path.GetFullPath(FilePath)) throw new MementoException($"cache merge: {path} is the file merged into");
        lock (_lock)
        {
            using (var attach = _connection.CreateCommand())
            {
                attach.CommandText = "ATTACH DATABASE $path AS other";
                attach.Parameters.AddWithValue("$path", path);
                attach.ExecuteNonQuery();
            }
            try
            {
                int read;
                try
                {
                    read = Scalar("SELECT COUNT(*) FROM other.responses");
                }
                catch (SqliteException e)
                {
                    throw new MementoException($"cache file {path} is not a response cache: {e.Message}");
                }
                var differing = Scalar("SELECT COUNT(*) FROM other.responses o JOIN main.responses m ON m.key = o.key WHERE m.response <> o.response");
                using var insert = _connection.CreateCommand();
                insert.CommandText = "INSERT OR IGNORE INTO main.responses (key, model, response) SELECT key, model, response FROM other.responses";
                return (read, insert.ExecuteNonQuery(), differing);
            }
            finally
            {
                Execute("DETACH DATABASE other");
            }
        }
    }

    private int Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar());
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
