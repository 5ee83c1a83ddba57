using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Orleans.Jobs.Tests.Processes;
using Orleans.Jobs.TestSupport;

namespace Orleans.Jobs.Tests.Webhooks;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (HttpListener on a free port) that records every request and answers each path
/// with the status codes queued for it, then 200 (with a body and a delay when given).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HttpStatusCode>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Body, TimeSpan Delay)> _bodies = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public WebhookReceiver()
    {
        var port = FreePorts.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public Uri Url(string path) => new(BaseUrl, path);

    /// <summary>The next requests to <paramref name="path"/> get these statuses, in order; later ones get 200.</summary>
    public void Answer(string path, params HttpStatusCode[] statuses)
    {
        var queue = _answers.GetOrAdd("/" + path.TrimStart('/'), _ => new ConcurrentQueue<HttpStatusCode>());
        foreach (var status in statuses)
        {
            queue.Enqueue(status);
        }
    }

    /// <summary>Answers to <paramref name="path"/> carry <paramref name="body"/> (text) after <paramref name="delay"/>.</summary>
    public void Respond(string path, string body, TimeSpan delay = default) =>
        _bodies["/" + path.TrimStart('/')] = (body, delay);

    public IReadOnlyList<ReceivedRequest> Received(string path) =>
        [.. _received.Where(r => r.Path == "/" + path.TrimStart('/'))];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url!.AbsolutePath;
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var status = _answers.TryGetValue(path, out var queue) && queue.TryDequeue(out var queued) ? queued : HttpStatusCode.OK;
            _received.Enqueue(new ReceivedRequest(path, context.Request.HttpMethod, headers, body.ToArray(), _clock.Elapsed, (int)status));
            context.Response.StatusCode = (int)status;
            if (_bodies.TryGetValue(path, out var answer))
            {
                await Task.Delay(answer.Delay);
                var bytes = System.Text.Encoding.UTF8.GetBytes(answer.Body);
                context.Response.ContentType = "text/plain; charset=utf-8";
                context.Response.AddHeader("X-Receiver", "test");
                await context.Response.OutputStream.WriteAsync(bytes);
            }

            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The caller went away or the receiver is closing.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ContinueWith(static _ => { }, TaskScheduler.Default);
    }
}

/// <summary>One request as the receiver saw it, and what it answered.</summary>
public sealed record ReceivedRequest(string Path, string Method, IReadOnlyDictionary<string, string> Headers, byte[] Body, TimeSpan At, int Answered);
