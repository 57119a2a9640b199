using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TeamsItBot.Tests.Deployment;

namespace TeamsItBot.Tests.Tickets.Rendering;

/// <summary>
/// Runs mcp-atlassian 0.23.1's own converters (../shared/oracles/mcp-atlassian-0.23.1/render.py, never
/// copied into the repository) on many descriptions in one python3 process: the driver loads render.py
/// and calls its main once per document with stdin/stdout redirected.
/// </summary>
internal static class McpAtlassianOracle
{
    public const string BaseUrl = "https://acme.atlassian.net";

    private const string Driver = """
        import importlib.util, io, json, sys
        spec = importlib.util.spec_from_file_location("render", sys.argv[1])
        render = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(render)
        jobs = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        results = []
        real_stdin, real_stdout = sys.stdin, sys.stdout
        for job in jobs:
            sys.stdin = io.StringIO(job["text"])
            sys.stdout = io.StringIO()
            code = render.main(job["args"])
            results.append({"code": code, "out": sys.stdout.getvalue()})
            sys.stdin, sys.stdout = real_stdin, real_stdout
        sys.stdout.write(json.dumps(results, ensure_ascii=True))
        """;

    /// <summary>The render.py of the oracle: MCP_ATLASSIAN_ORACLE, else shared/oracles/... beside or above the repository.</summary>
    public static string ScriptPath { get; } = FindScript();

    /// <summary>ADF documents (Cloud) for each Markdown text, issue keys linked as on a real site.</summary>
    public static IReadOnlyList<JsonElement> Adf(IReadOnlyList<string> markdown) =>
        [.. Run(markdown, ["adf", "--base-url", BaseUrl]).Select(o => JsonDocument.Parse(o).RootElement.Clone())];

    /// <summary>Wiki markup (Server/DC) for each Markdown text.</summary>
    public static IReadOnlyList<string> Wiki(IReadOnlyList<string> markdown) => Run(markdown, ["wiki"]);

    private static List<string> Run(IReadOnlyList<string> texts, string[] args)
    {
        var jobs = JsonSerializer.Serialize(texts.Select(t => new { text = t, args }));
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Driver);
        start.ArgumentList.Add(ScriptPath);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(jobs);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("render.py did not finish within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"render.py driver failed ({process.ExitCode}): {stderr.Result}");
        }

        var results = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal(0, r.GetProperty("code").GetInt32()));
        return [.. results.Select(r => r.GetProperty("out").GetString()!)];
    }

    private static string FindScript()
    {
        if (Environment.GetEnvironmentVariable("MCP_ATLASSIAN_ORACLE") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException("MCP_ATLASSIAN_ORACLE does not exist", configured);
        }

        var relative = Path.Combine("shared", "oracles", "mcp-atlassian-0.23.1", "render.py");
        for (var dir = new DirectoryInfo(RepositoryFiles.Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"mcp-atlassian oracle not found: looked for {relative} in {RepositoryFiles.Root} and every folder above it (or set MCP_ATLASSIAN_ORACLE)");
    }
}
