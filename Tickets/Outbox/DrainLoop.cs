namespace TeamsItBot.Tickets.Outbox;

/// <summary>
/// The loop of a background worker that drains a durable queue in batches: a full batch means more
/// is waiting, so the next pass starts at once; otherwise it waits one interval. A failed pass is
/// reported and the next one tries again, so the worker outlives a database hiccup.
/// </summary>
internal static class DrainLoop
{
    public static async Task RunAsync(
        Func<CancellationToken, Task<int>> pass, int batchSize, TimeSpan interval, Action<Exception> passFailed,
        TimeProvider timeProvider, CancellationToken stoppingToken)
    {
        // Let the host finish starting (schema migration runs in a hosted service before this).
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await pass(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive a database hiccup; the next pass tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                passFailed(ex);
            }

            if (taken < batchSize)
            {
                try
                {
                    await Task.Delay(interval, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
