using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.State;

namespace TeamsItBot.Tests.Support;

/// <summary>
/// The app's own <see cref="IStorage"/> with a hold: once a key is watched, its first write waits
/// until <see cref="Release"/>, and a read of that key meanwhile (another turn) is signalled.
/// </summary>
internal sealed class ParkingStorage(IStorage inner) : IStorage
{
    private readonly TaskCompletionSource _writeHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _readWhileHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _watched;
    private int _holding;

    public Task WriteHeld => _writeHeld.Task;

    public Task ReadWhileHeld => _readWhileHeld.Task;

    public void Watch(string key) => Volatile.Write(ref _watched, key);

    public void Release() => _released.TrySetResult();

    public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _holding) == 1 && keys.Contains(Volatile.Read(ref _watched)))
        {
            _readWhileHeld.TrySetResult();
        }

        return inner.ReadAsync(keys, cancellationToken);
    }

    public async Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _watched) is { } watched && changes.ContainsKey(watched) && Interlocked.CompareExchange(ref _holding, 1, 0) == 0)
        {
            _writeHeld.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
            Volatile.Write(ref _holding, 2);
        }

        await inner.WriteAsync(changes, cancellationToken);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);

    /// <summary>Wraps the app's registered storage (whatever its provider) so the test can reach it.</summary>
    public static void Decorate(IServiceCollection services, Holder holder)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IStorage));
        services.Remove(registered);
        services.AddSingleton<IStorage>(sp =>
        {
            var inner = registered.ImplementationInstance as IStorage
                ?? (IStorage)(registered.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));
            return holder.Current = new ParkingStorage(inner);
        });
    }

    public sealed class Holder
    {
        public ParkingStorage? Current { get; set; }
    }
}
