using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RetailTagging.Cli.Tests.Report;

/// <summary>
/// Debian's chromium, headless, driven over the DevTools protocol with <see cref="ClientWebSocket"/>: opens a page,
/// records script exceptions, console and log errors and every network request, and evaluates expressions in it.
/// Absent chromium is a test failure with a clear message (CI installs it), never a skip.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly ConcurrentQueue<(string Method, JsonNode? Params)> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _send = new(1, 1);
    private Task? _receiver;
    private int _nextId;
    private string? _session;

    private HeadlessChromium(Process process, DirectoryInfo profile) => (_process, _profile) = (process, profile);

    /// <summary>The browser to use: <c>CHROMIUM</c> if set, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Fails (does not skip) when the browser is missing: the report must be checked in a real browser.</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}: install Debian's package (apt-get install -y chromium; .ci/run does it) or set CHROMIUM to a Chromium binary.");
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        RequireInstalled();
        var profile = Directory.CreateTempSubdirectory("rt-chromium-");
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile.FullName}",
                     "--remote-debugging-port=0", "about:blank",
                 })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync().ConfigureAwait(false);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Script exceptions, console errors and log errors seen so far.</summary>
    public IReadOnlyList<string> Errors =>
        [.. _events.Where(e => e.Method == "Runtime.exceptionThrown").Select(e => "exception: " + e.Params?["exceptionDetails"]?.ToJsonString())
            .Concat(_events.Where(e => e.Method == "Runtime.consoleAPICalled" && (string?)e.Params?["type"] is "error" or "assert")
                .Select(e => "console: " + e.Params?["args"]?.ToJsonString()))
            .Concat(_events.Where(e => e.Method == "Log.entryAdded" && (string?)e.Params?["entry"]?["level"] == "error")
                .Select(e => "log: " + e.Params?["entry"]?["text"]))];

    /// <summary>The URL of every request the page made.</summary>
    public IReadOnlyList<string> Requests =>
        [.. _events.Where(e => e.Method == "Network.requestWillBeSent").Select(e => (string?)e.Params?["request"]?["url"] ?? "")];

    /// <summary>Opens <paramref name="url"/> in a fresh tab and waits for its load event.</summary>
    public async Task OpenAsync(string url)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }).ConfigureAwait(false);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = (string?)target?["targetId"], ["flatten"] = true }).ConfigureAwait(false);
        _session = (string?)attached?["sessionId"] ?? throw new InvalidOperationException("Chromium did not attach to the tab.");
        foreach (var domain in new[] { "Runtime.enable", "Log.enable", "Network.enable", "Page.enable" })
            await SendAsync(domain).ConfigureAwait(false);
        var loaded = _events.Count(e => e.Method == "Page.loadEventFired");
        var navigation = await SendAsync("Page.navigate", new JsonObject { ["url"] = url }).ConfigureAwait(false);
        if ((string?)navigation?["errorText"] is { Length: > 0 } error)
            throw new InvalidOperationException($"Chromium could not open {url}: {error}");
        var deadline = DateTime.UtcNow + Timeout;
        while (_events.Count(e => e.Method == "Page.loadEventFired") == loaded)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{url} did not finish loading within {Timeout.TotalSeconds} s.");
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }).ConfigureAwait(false);
        if (result?["exceptionDetails"] is { } exception)
            throw new InvalidOperationException($"'{expression}' threw: {exception.ToJsonString()}");
        return result?["result"]?["value"];
    }

    public async Task<long> CountAsync(string selector) =>
        (long)(await EvaluateAsync($"document.querySelectorAll({JsonSerializer.Serialize(selector)}).length").ConfigureAwait(false))!;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await SendAsync("Browser.close", session: false).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException or InvalidOperationException or OperationCanceledException)
        {
            // The browser is killed below in any case.
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        if (!_process.WaitForExit(5000))
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _socket.Dispose();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                _profile.Delete(recursive: true);
                break;
            }
            catch (IOException)
            {
                await Task.Delay(200).ConfigureAwait(false); // the browser may still be releasing its profile
            }
        }
    }

    private async Task ConnectAsync()
    {
        // "DevTools listening on ws://127.0.0.1:<port>/devtools/browser/<id>" on stderr names the browser's endpoint.
        var readLine = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
                if (line.StartsWith("DevTools listening on ", StringComparison.Ordinal))
                    return line["DevTools listening on ".Length..].Trim();
            return null;
        });
        var endpoint = await readLine.WaitAsync(Timeout).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{ExecutablePath} exited without opening its DevTools endpoint (exit code {(_process.HasExited ? _process.ExitCode : -1)}).");
        _ = _process.StandardError.ReadToEndAsync(); // keep draining so the browser never blocks on a full pipe
        _ = _process.StandardOutput.ReadToEndAsync();
        await _socket.ConnectAsync(new Uri(endpoint), CancellationToken.None).WaitAsync(Timeout).ConfigureAwait(false);
        _receiver = Task.Run(ReceiveAsync);
    }

    private async Task<JsonNode?> SendAsync(string method, JsonObject? parameters = null, bool session = true)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (session && _session is not null)
            message["sessionId"] = _session;
        var reply = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _send.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
        return await reply.Task.WaitAsync(Timeout).ConfigureAwait(false);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                var node = JsonNode.Parse(message.ToArray());
                message.SetLength(0);
                if (node?["id"] is { } idNode && _pending.TryRemove((int)idNode, out var reply))
                {
                    if (node["error"] is { } error)
                        reply.TrySetException(new InvalidOperationException($"DevTools error: {error.ToJsonString()}"));
                    else
                        reply.TrySetResult(node["result"]);
                }
                else if ((string?)node?["method"] is { } method)
                {
                    _events.Enqueue((method, node!["params"]));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The browser closed or the session ended.
        }
        foreach (var reply in _pending.Values)
            reply.TrySetException(new InvalidOperationException("The DevTools connection closed."));
    }
}
