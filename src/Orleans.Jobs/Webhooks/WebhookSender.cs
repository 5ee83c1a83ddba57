using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Hosting;

namespace Orleans.Jobs.Webhooks;

/// <summary>
/// Sends one signed delivery: POST of the event as JSON with the <see cref="WebhookSignature"/> headers, signed afresh
/// at each attempt so the timestamp is current. 2xx is delivered; 408, 429, 5xx, timeouts and connection errors may
/// be retried; any other answer is final.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory httpClients, IOptions<WebhookOptions> options, [FromKeyedServices(JobsTime.Key)] TimeProvider time)
{
    public const string HttpClientName = "Orleans.Jobs.Webhooks";

    public async Task<WebhookAttemptResult> SendAsync(Uri url, string secret, string deliveryId, JobEvent jobEvent, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(jobEvent, JobJson.Options);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.EventHeader, jobEvent.Type);
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new WebhookAttemptResult(Delivered: true, Retryable: false, status, Error: null);
            }

            var retryable = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return new WebhookAttemptResult(Delivered: false, retryable, status, $"HTTP {status} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(Delivered: false, Retryable: true, StatusCode: null, $"no answer within {options.Value.RequestTimeout}");
        }
        catch (HttpRequestException exception)
        {
            return new WebhookAttemptResult(Delivered: false, Retryable: true, StatusCode: null, exception.Message);
        }
    }
}
