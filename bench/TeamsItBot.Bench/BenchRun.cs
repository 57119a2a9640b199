using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TeamsItBot.Bench;

/// <summary>The phases of one benchmark run, in order, and the report beside the targets.</summary>
public sealed class BenchRun(BenchRun.Settings settings)
{
    /// <param name="TrackedTickets">Above 0: the poller profile, with this many tracked tickets; 0: notifications off.</param>
    public sealed record Settings(BenchProfile Profile, string BotDll, string? SqliteSynchronous, string? OutputPath, string Storage = "Sqlite",
        int TrackedTickets = 0, int PollSeconds = 10, int ChangesPerPoll = 20);

    private readonly StringBuilder _report = new();
    private readonly string _runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

    public async Task<int> RunAsync()
    {
        var profile = settings.Profile;
        var dataDirectory = Directory.CreateTempSubdirectory("teamsitbot-bench-").FullName;
        var logDirectory = Path.Combine(dataDirectory, "logs");
        Directory.CreateDirectory(logDirectory);
        var loadBefore = LoadAverage();
        Line($"# TeamsItBot benchmark, profile {profile.Name}, storage {settings.Storage}{(settings.SqliteSynchronous is { } sync ? ", synchronous " + sync : string.Empty)}");
        Line($"{DateTime.UtcNow:u}; {Environment.ProcessorCount} cores; load average at start {loadBefore}; {profile.Workers} concurrent conversations; data {dataDirectory}");

        await using var connector = await BenchConnector.StartAsync();
        await using var jira = await BenchJira.StartAsync();

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Storage__Provider"] = settings.Storage,
            ["BOT_DATA_DIR"] = dataDirectory,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["MicrosoftAppId"] = string.Empty,
            ["MCP_ATLASSIAN_URL"] = jira.McpUrl.ToString(),
            ["JIRA_URL"] = BenchJira.SiteUrl,
            ["JIRA_USERNAME"] = "bench@acme.example",
            ["JIRA_API_TOKEN"] = "bench-token",
            ["JIRA_PROJECT_KEY"] = BenchJira.ProjectKey,
            // Every bench conversation is in one tenant and replays a whole flow in a second, far past
            // what Teams allows one tenant or thread: with the real limits the bench would measure the
            // pacing. Limits this high keep the limiter on every send (its cost is measured) without waits.
            ["ConnectorRateLimits__PerTenantPerSecond"] = "1000000",
            ["ConnectorRateLimits__PerConversationPerSecond"] = "1000000",
            ["ConnectorRateLimits__PerConversationPerTwoSeconds"] = "1000000",
            ["ConnectorRateLimits__Enabled"] = Environment.GetEnvironmentVariable("BENCH_PACING") ?? "true",
            ["Tickets__Evidence__Enabled"] = Environment.GetEnvironmentVariable("BENCH_EVIDENCE") ?? "true",
        };
        environment["Tickets__FollowUp__NotificationsEnabled"] = settings.TrackedTickets > 0 ? "true" : "false";
        environment["Tickets__FollowUp__PollIntervalSeconds"] = settings.PollSeconds.ToString(CultureInfo.InvariantCulture);
        if (settings.TrackedTickets > 0)
        {
            jira.Tracked = new BenchTrackedTickets(settings.TrackedTickets, settings.ChangesPerPoll, connector.ServiceUrl);
            Line($"poller profile: {settings.TrackedTickets.ToString("N0", CultureInfo.InvariantCulture)} tracked tickets, a poll every {settings.PollSeconds.ToString(CultureInfo.InvariantCulture)} s, " +
                $"{settings.ChangesPerPoll.ToString(CultureInfo.InvariantCulture)} tickets changed in Jira per poll");
        }

        if (settings.SqliteSynchronous is { } synchronous)
        {
            environment["Storage__SqliteSynchronous"] = synchronous;
        }

        var botPort = ChildProcess.FreePort();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{botPort.ToString(CultureInfo.InvariantCulture)}";
        var results = new Results();
        await using (var bot = await ChildProcess.StartAsync(settings.BotDll, [], environment, Path.Combine(logDirectory, "bot.log"), botPort, "/healthz", TimeSpan.FromSeconds(60)))
        {
            Line($"bot pid {bot.Pid.ToString(CultureInfo.InvariantCulture)} at {bot.BaseUrl}");
            jira.Tracked?.Seed(Path.Combine(dataDirectory, "bot.db"));
            using var client = LoadGenerator.CreateClient();
            var generator = new LoadGenerator(client, new Uri(bot.BaseUrl, "api/messages"), connector, _runId);

            var warmup = new PhaseStats();
            await generator.RunAsync(warmup, profile.Workers, profile.WarmupConversations, TimeSpan.FromMinutes(5));
            Phase("warm-up", warmup, bot: null);
            results.Errors += warmup.ErrorCount;

            // Throughput and memory: closed loop, as fast as the bot answers.
            var throughput = new PhaseStats();
            var half = profile.ThroughputConversations / 2;
            long rssHalf = 0;
            var cpuBefore = bot.CpuTime();
            var pollerCallsBefore = (jira.Tracked?.Searches ?? 0) + (jira.Tracked?.Gets ?? 0);
            await generator.RunAsync(throughput, profile.Workers, profile.ThroughputConversations, TimeSpan.FromMinutes(30),
                onConversationDone: done =>
                {
                    if (done == half)
                    {
                        rssHalf = bot.RssBytes();
                    }
                });
            var rssEnd = bot.RssBytes();
            var pollerCalls = (jira.Tracked?.Searches ?? 0) + (jira.Tracked?.Gets ?? 0) - pollerCallsBefore;
            var cpu = (bot.CpuTime() - cpuBefore).TotalSeconds / throughput.Elapsed.TotalSeconds;
            Phase("throughput (closed loop)", throughput, cpu);
            if (jira.Tracked is not null)
            {
                Line($"poller during throughput: {pollerCalls / throughput.Elapsed.TotalMinutes:F0} Jira calls per minute");
            }

            results.Errors += throughput.ErrorCount;
            results.TurnsPerSecond = throughput.TurnsPerSecond;
            results.ThroughputTurns = throughput.Turns;
            results.RssHalf = rssHalf;
            results.RssEnd = rssEnd;
            results.Conversations = throughput.Conversations;
            results.BotCpu = cpu;
            Line($"RSS after {half.ToString("N0", CultureInfo.InvariantCulture)} conversations {Mb(rssHalf)}, after {throughput.Conversations.ToString("N0", CultureInfo.InvariantCulture)} {Mb(rssEnd)}");

            // Latency at a fixed offered rate (open loop).
            var paced = new PhaseStats();
            cpuBefore = bot.CpuTime();
            await generator.RunAsync(paced, profile.Workers * 2, long.MaxValue, profile.PacedDuration, profile.PacedTurnsPerSecond);
            cpu = (bot.CpuTime() - cpuBefore).TotalSeconds / paced.Elapsed.TotalSeconds;
            Phase($"paced at {profile.PacedTurnsPerSecond.ToString(CultureInfo.InvariantCulture)} turns/s (open loop)", paced, cpu);
            results.Errors += paced.ErrorCount;
            var pacedSorted = paced.SortedLatencies();
            results.PacedRate = paced.TurnsPerSecond;
            results.PacedP99 = PhaseStats.Percentile(pacedSorted, 99);

            if (jira.Tracked is { } tracked)
            {
                await MeasureIdlePollerAsync(bot, tracked, connector);
            }

            // Ticket overhead: one conversation at a time, the confirm turn against the MCP call alone.
            var sequential = new PhaseStats();
            await generator.RunAsync(sequential, 1, profile.SequentialFlows, TimeSpan.FromMinutes(5), recordConfirm: true);
            Phase("sequential flows (one at a time)", sequential, bot: null);
            results.Errors += sequential.ErrorCount;
            var confirm = sequential.ConfirmLatencies.Order().ToArray();
            var botInitializes = jira.Initializes;
            var direct = await McpRoundTrip.MeasureAsync(jira.McpUrl, 50, profile.SequentialFlows);
            results.ConfirmP50 = PhaseStats.Percentile(confirm, 50);
            results.McpP50 = PhaseStats.Percentile(direct, 50);
            results.BotInitializes = botInitializes;
            Line($"confirm turn (POST to 'Created ticket' at the connector): p50 {Ms(results.ConfirmP50)}, p95 {Ms(PhaseStats.Percentile(confirm, 95))}; " +
                $"MCP jira_create_issue alone: p50 {Ms(results.McpP50)}, p95 {Ms(PhaseStats.Percentile(direct, 95))}");
            Line($"MCP initialize requests from the bot: {botInitializes.ToString(CultureInfo.InvariantCulture)} for {jira.ToolCalls.ToString("N0", CultureInfo.InvariantCulture)} tool calls; connector requests {connector.Requests.ToString("N0", CultureInfo.InvariantCulture)}, unmatched replies {connector.Unmatched.ToString(CultureInfo.InvariantCulture)}");

            results.State = settings.Storage != "Sqlite" ? new StateSize(0, 0, 0, [], 0, 0, 0) : StateInspector.Measure(Path.Combine(dataDirectory, "bot.db"));
            Line($"stored state: {results.State.ConversationRows.ToString("N0", CultureInfo.InvariantCulture)} conversation rows, {results.State.BytesPerConversation:F0} B each on average, largest {results.State.LargestBytes.ToString(CultureInfo.InvariantCulture)} B ({StateInspector.Describe(results.State)}); " +
                $"on disk (pages of bot_state and its index) {(results.State.DiskBytesPerConversation is { } disk ? $"{disk:F0} B" : "unknown (no dbstat)")} per conversation; " +
                $"de-dup rows {results.State.DedupRows.ToString("N0", CultureInfo.InvariantCulture)} x {results.State.DedupBytesPerRow:F0} B (expire after 10 min); SQLite files {Mb(results.State.FileBytes)}");
        }

        results.Ceiling = await RunCeilingAsync(profile, logDirectory);
        results.LoadAfter = LoadAverage();
        Targets(results, profile);
        var text = _report.ToString();
        if (settings.OutputPath is { } output)
        {
            await File.WriteAllTextAsync(output, text);
        }

        return 0;
    }

    /// <summary>No turns for a minute: what the poller alone costs (CPU of the bot, Jira calls, notices sent).</summary>
    private async Task MeasureIdlePollerAsync(ChildProcess bot, BenchTrackedTickets tracked, BenchConnector connector)
    {
        var cpuBefore = bot.CpuTime();
        var (searches, gets, sent) = (tracked.Searches, tracked.Gets, connector.Requests);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(60));
        var minutes = clock.Elapsed.TotalMinutes;
        var cpu = (bot.CpuTime() - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds;
        Line($"- poller alone (no turns, {clock.Elapsed.TotalSeconds:F0} s, {tracked.Count.ToString("N0", CultureInfo.InvariantCulture)} tracked tickets): bot CPU {cpu * 100:F1} % of one core; " +
            $"Jira calls {(tracked.Searches - searches + tracked.Gets - gets) / minutes:F0}/min ({(tracked.Searches - searches) / minutes:F0} jira_search + {(tracked.Gets - gets) / minutes:F0} jira_get_issue); " +
            $"connector requests (notices and card updates) {(connector.Requests - sent) / minutes:F0}/min");
    }

    private async Task<double> RunCeilingAsync(BenchProfile profile, string logDirectory)
    {
        var port = ChildProcess.FreePort();
        var self = typeof(BenchRun).Assembly.Location;
        await using var ceiling = await ChildProcess.StartAsync(self, ["ceiling", "--port", port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(), Path.Combine(logDirectory, "ceiling.log"), port, "/healthz", TimeSpan.FromSeconds(30));
        using var client = LoadGenerator.CreateClient();
        var generator = new LoadGenerator(client, new Uri(ceiling.BaseUrl, "api/messages"), connector: null, _runId);
        await generator.RunAsync(new PhaseStats(), profile.Workers, 2_000, TimeSpan.FromSeconds(5));
        var stats = new PhaseStats();
        var cpuBefore = ceiling.CpuTime();
        await generator.RunAsync(stats, profile.Workers, long.MaxValue, profile.CeilingDuration);
        Phase("ceiling: bare ASP.NET Core 200 endpoint", stats, (ceiling.CpuTime() - cpuBefore).TotalSeconds / stats.Elapsed.TotalSeconds);
        return stats.TurnsPerSecond;
    }

    private void Targets(Results r, BenchProfile profile)
    {
        var growth = r.RssHalf == 0 ? double.NaN : (double)(r.RssEnd - r.RssHalf) / r.RssHalf * 100;
        var overhead = r.ConfirmP50 - r.McpP50;
        Line(string.Empty);
        Line("| Target | Result | Met |");
        Line("|---|---|---|");
        Row(">= 2,000 turns/s sustained, SQLite state", $"{r.TurnsPerSecond:F0} turns/s over {r.ThroughputTurns.ToString("N0", CultureInfo.InvariantCulture)} turns (bot CPU {r.BotCpu * 100:F0} % of one core)", r.TurnsPerSecond >= 2000);
        Row($"p99 <= 25 ms at {profile.PacedTurnsPerSecond.ToString(CultureInfo.InvariantCulture)} turns/s", $"p99 {Ms(r.PacedP99)} at {r.PacedRate:F0} turns/s", r.PacedP99 <= 25);
        Row("zero errors", $"{r.Errors.ToString(CultureInfo.InvariantCulture)} errors", r.Errors == 0);
        Row($"RSS growth < 10 % between {(r.Conversations / 2).ToString("N0", CultureInfo.InvariantCulture)} and {r.Conversations.ToString("N0", CultureInfo.InvariantCulture)} conversations",
            $"{Mb(r.RssHalf)} -> {Mb(r.RssEnd)} ({growth:+0.0;-0.0} %)", growth < 10);
        Row("<= 2 KB stored state per idle conversation", $"{r.State!.BytesPerConversation:F0} B average, {r.State.LargestBytes.ToString(CultureInfo.InvariantCulture)} B largest", r.State.LargestBytes <= 2048);
        Row("ticket creation adds <= 5 ms to the MCP round trip", $"confirm turn p50 {Ms(r.ConfirmP50)} - MCP call p50 {Ms(r.McpP50)} = {Ms(overhead)}", overhead <= 5);
        Row("one MCP initialize per process", $"{r.BotInitializes.ToString(CultureInfo.InvariantCulture)}", r.BotInitializes == 1);
        Line(string.Empty);
        Line($"Ceiling (bare 200 endpoint, same client, same machine): {r.Ceiling:F0} requests/s; the bot reaches {r.TurnsPerSecond / r.Ceiling * 100:F1} % of it.");
        Line($"Load average at end: {r.LoadAfter}");
    }

    private void Row(string target, string result, bool met) => Line($"| {target} | {result} | {(met ? "yes" : "NO")} |");

    private void Phase(string name, PhaseStats stats, double? bot)
    {
        var sorted = stats.SortedLatencies();
        var errors = stats.ErrorCount == 0 ? "0 errors" : $"{stats.ErrorCount} errors ({string.Join(", ", stats.Errors.Select(e => $"{e.Key}: {e.Value}"))})";
        Line($"- {name}: {stats.Turns.ToString("N0", CultureInfo.InvariantCulture)} turns in {stats.Elapsed.TotalSeconds:F1} s = {stats.TurnsPerSecond:F0}/s; " +
            $"latency p50 {Ms(PhaseStats.Percentile(sorted, 50))}, p95 {Ms(PhaseStats.Percentile(sorted, 95))}, p99 {Ms(PhaseStats.Percentile(sorted, 99))}, max {Ms(sorted.Length == 0 ? double.NaN : sorted[^1])}; {errors}" +
            (bot is { } cpu ? $"; server CPU {cpu * 100:F0} % of one core" : string.Empty));
    }

    private void Line(string text)
    {
        Console.WriteLine(text);
        _report.AppendLine(text);
    }

    private static string Ms(double value) => $"{value:F2} ms";

    private static string Mb(long bytes) => $"{bytes / 1048576.0:F1} MB";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed class Results
    {
        public int Errors { get; set; }
        public double TurnsPerSecond { get; set; }
        public long ThroughputTurns { get; set; }
        public long Conversations { get; set; }
        public long RssHalf { get; set; }
        public long RssEnd { get; set; }
        public double BotCpu { get; set; }
        public double PacedRate { get; set; }
        public double PacedP99 { get; set; }
        public double ConfirmP50 { get; set; }
        public double McpP50 { get; set; }
        public long BotInitializes { get; set; }
        public StateSize? State { get; set; }
        public double Ceiling { get; set; }
        public string LoadAfter { get; set; } = string.Empty;
    }
}
