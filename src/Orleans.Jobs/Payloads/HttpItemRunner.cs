using System.Diagnostics;
using System.Net;
using System.Text;

namespace Orleans.Jobs.Payloads;

/// <summary>Runs built-in <c>http</c> items through <see cref="IHttpClientFactory"/> (no redirects, no cookies).</summary>
internal sealed class HttpItemRunner(IHttpClientFactory clients)
{
    public const string HttpClientName = "Orleans.Jobs.PayloadHttp";

    public async Task<HttpItemResult> RunAsync(JobParameters parameters, CancellationToken cancellationToken)
    {
        var request = parameters.As<HttpItemParameters>();
        try
        {
            request.Validate("parameters");
        }
        catch (JobValidationException exception)
        {
            throw new NonRetryableJobException(exception.Message, exception);
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method.ToUpperInvariant()), request.Url);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, request.ContentType);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content is not null)
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(request.TimeoutSeconds));
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {request.Url} did not answer within {request.TimeoutSeconds} s.");
        }

        using (response)
        {
            var (body, truncated) = await ReadCappedAsync(response.Content, request.MaxBodyBytes, timeout.Token).ConfigureAwait(false);
            var result = new HttpItemResult
            {
                Status = (int)response.StatusCode,
                Headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase),
                Body = body,
                BodyTruncated = truncated,
                ElapsedMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
            };
            if (request.FailOnErrorStatus && !response.IsSuccessStatusCode)
            {
                var error = $"{request.Method} {request.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}.";
                throw IsRetryable(response.StatusCode) ? new HttpRequestException(error, null, response.StatusCode) : new NonRetryableJobException(error);
            }

            return result;
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static async Task<(string Body, bool Truncated)> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var truncated = read > maxBytes;
        return (Encoding.UTF8.GetString(buffer, 0, Math.Min(read, maxBytes)), truncated);
    }
}
