using System.Globalization;
using TeamsItBot.Bench;

// bench run <short|long> --bot <TeamsItBot.dll> [--workers N] [--warmup N] [--conversations N] [--sqlite-synchronous Normal|Full] [--storage Sqlite|Memory] [--tracked-tickets N] [--poll-seconds N] [--out report.md]
// bench ceiling --port N   (the bare 200 server; started by "run" itself)
if (args is ["ceiling", "--port", var portText])
{
    await CeilingServer.RunAsync(int.Parse(portText, CultureInfo.InvariantCulture));
    return 0;
}

if (args.Length < 2 || args[0] != "run" || BenchProfile.Named(args[1]) is not { } profile)
{
    Console.Error.WriteLine("usage: TeamsItBot.Bench run <short|long> --bot <path to TeamsItBot.dll> [--workers N] [--warmup N] [--conversations N] [--sqlite-synchronous Normal|Full] [--storage Sqlite|Memory] [--tracked-tickets N] [--poll-seconds N] [--out report.md]");
    return 2;
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var botDll = Option("--bot") ?? throw new ArgumentException("--bot is required");
if (Option("--workers") is { } workers)
{
    profile = profile with { Workers = int.Parse(workers, CultureInfo.InvariantCulture) };
}

if (Option("--warmup") is { } warmup)
{
    profile = profile with { WarmupConversations = int.Parse(warmup, CultureInfo.InvariantCulture) };
}

if (Option("--conversations") is { } conversations)
{
    profile = profile with { ThroughputConversations = int.Parse(conversations, CultureInfo.InvariantCulture) };
}

var tracked = Option("--tracked-tickets") is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 0;
var pollSeconds = Option("--poll-seconds") is { } seconds ? int.Parse(seconds, CultureInfo.InvariantCulture) : 10;
var settings = new BenchRun.Settings(profile, Path.GetFullPath(botDll), Option("--sqlite-synchronous"), Option("--out"), Option("--storage") ?? "Sqlite",
    tracked, pollSeconds);
return await new BenchRun(settings).RunAsync();
