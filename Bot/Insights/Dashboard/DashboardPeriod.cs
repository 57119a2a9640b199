namespace TeamsItBot.Insights.Dashboard;

/// <summary>The period a dashboard request asks for: the last <c>days</c> days (1..365, default 30), up to now.</summary>
public static class DashboardPeriod
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    public static (DateTimeOffset Since, DateTimeOffset Until) Last(int? days, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var count = Math.Clamp(days ?? DefaultDays, 1, MaxDays);
        var until = time.GetUtcNow();
        var since = new DateTimeOffset(until.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - count);
        return (since, until.AddTicks(1));
    }
}
