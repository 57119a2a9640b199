using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>
/// Loads the knowledge base at start and again whenever its file changes (a file-system watcher,
/// plus a poll of size and time every <see cref="PollInterval"/> for volumes where events do not
/// arrive). An invalid file is refused with the start-up validation's message, logged, and the
/// previous version keeps serving.
/// </summary>
public sealed partial class KnowledgeBaseWatcher : IKnowledgeBaseProvider, IHostedService, IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly string _path;
    private readonly double _minimumScore;
    private readonly TimeProvider _time;
    private readonly ILogger<KnowledgeBaseWatcher> _logger;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private volatile LoadedKnowledgeBase _current;
    private volatile KnowledgeBaseLoadError? _lastError;
    private FileSystemWatcher? _watcher;
    private ITimer? _poll;
    private (long Length, DateTime WriteTime) _seen;

    public KnowledgeBaseWatcher(IOptions<KnowledgeBaseOptions> options, TimeProvider time, ILogger<KnowledgeBaseWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _path = KnowledgeBaseLoader.ResolvePath(options.Value.Path);
        _minimumScore = options.Value.MinimumScore;
        _time = time;
        _logger = logger;
        _seen = Stamp();
        _current = Load() ?? throw new KnowledgeBaseException(_lastError!.Message);
        LogLoaded(_current.KnowledgeBase.Topics.Count, _path, _current.Version);
    }

    public LoadedKnowledgeBase Current => _current;

    /// <summary>Raised after a new version was taken (on the reload's thread); handlers must not throw.</summary>
    public event Action<LoadedKnowledgeBase>? Reloaded;

    public KnowledgeBaseLoadError? LastError => _lastError;

    public string FilePath => _path;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(_path)!;
        if (Directory.Exists(directory))
        {
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => _ = ReloadIfChangedAsync();
            _watcher.Created += (_, _) => _ = ReloadIfChangedAsync();
            _watcher.Renamed += (_, _) => _ = ReloadIfChangedAsync();
            _watcher.EnableRaisingEvents = true;
        }

        _poll = _time.CreateTimer(_ => _ = ReloadIfChangedAsync(), null, PollInterval, PollInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Reloads now when the file differs from what was last read; true when a new version was taken.</summary>
    public async Task<bool> ReloadIfChangedAsync()
    {
        await _reloadGate.WaitAsync();
        try
        {
            var stamp = Stamp();
            if (stamp == _seen)
            {
                return false;
            }

            // Editors write in several steps: let the write settle before reading.
            await Task.Delay(TimeSpan.FromMilliseconds(150), _time);
            _seen = Stamp();
            if (Load() is not { } loaded)
            {
                return false;
            }

            if (loaded.Version == _current.Version)
            {
                return false;
            }

            _current = loaded;
            LogReloaded(loaded.KnowledgeBase.Topics.Count, _path, loaded.Version);
            Reloaded?.Invoke(loaded);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
        _poll?.Dispose();
        _poll = null;
    }

    private LoadedKnowledgeBase? Load()
    {
        try
        {
            string json;
            try
            {
                json = File.ReadAllText(_path, Encoding.UTF8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The loader words a missing or unreadable file as start-up does.
                _ = KnowledgeBaseLoader.Load(_path);
                throw;
            }

            var knowledgeBase = KnowledgeBaseLoader.Parse(json, _path);
            var matcher = new TopicMatcher(knowledgeBase, _minimumScore);
            var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];
            _lastError = null;
            return new LoadedKnowledgeBase(knowledgeBase, matcher, version, _time.GetUtcNow());
        }
        catch (KnowledgeBaseException e)
        {
            LogRefused(e.Message);
            _lastError = new KnowledgeBaseLoadError(e.Message, _time.GetUtcNow());
            return null;
        }
    }

    private (long, DateTime) Stamp()
    {
        var info = new FileInfo(_path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, DateTime.MinValue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {TopicCount} knowledge base topics from {Source} (version {Version})")]
    private partial void LogLoaded(int topicCount, string source, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded the knowledge base: {TopicCount} topics from {Source} (version {Version})")]
    private partial void LogReloaded(int topicCount, string source, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge base change refused, the previous version keeps serving: {Problem}")]
    private partial void LogRefused(string problem);
}
