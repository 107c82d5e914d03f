namespace Memento.Core;

public static class Disposables
{
    /// <summary>Disposes whatever the object owns, asynchronously when it can (an interface-typed box may be either).</summary>
    public static async ValueTask DisposeAsync(object? resource)
    {
        switch (resource)
        {
            case IAsyncDisposable async: await async.DisposeAsync(); break;
            case IDisposable sync: sync.Dispose(); break;
        }
    }
}
