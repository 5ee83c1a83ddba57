namespace Orleans.Jobs.Webhooks;

/// <summary>Checks a subscription request, naming the field at fault.</summary>
internal static class WebhookRequestValidator
{
    private const int MinimumSecretLength = 16;
    private const int MaximumSecretLength = 256;
    private const int MaximumUrlLength = 2048;
    private const int MaximumDescriptionLength = 500;
    private const int MaximumLabels = 20;

    public static void Validate(WebhookSubscriptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new JobValidationException("url", $"'{request.Url}' is not an absolute http or https URL.");
        }

        if (url.OriginalString.Length > MaximumUrlLength)
        {
            throw new JobValidationException("url", $"is {url.OriginalString.Length} characters; the limit is {MaximumUrlLength}.");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new JobValidationException("url", "must not carry credentials; the signature authenticates deliveries.");
        }

        // The secret's value is never part of a message.
        if (request.Secret is null || request.Secret.Length is < MinimumSecretLength or > MaximumSecretLength)
        {
            throw new JobValidationException("secret", $"must be {MinimumSecretLength}–{MaximumSecretLength} characters.");
        }

        foreach (var type in request.Events)
        {
            if (!JobEventTypes.IsKnown(type))
            {
                throw new JobValidationException("events", $"unknown event type '{type}'; known: {string.Join(", ", JobEventTypes.All)}.");
            }
        }

        if (request.JobId is not null)
        {
            JobIds.Validate(request.JobId, "jobId");
        }

        if (request.Labels.Count > MaximumLabels || request.Labels.Any(l => string.IsNullOrWhiteSpace(l.Key) || l.Value is null))
        {
            throw new JobValidationException("labels", $"at most {MaximumLabels} labels, each with a non-blank name and a value.");
        }

        if (request.Description is { Length: > MaximumDescriptionLength })
        {
            throw new JobValidationException("description", $"is {request.Description.Length} characters; the limit is {MaximumDescriptionLength}.");
        }
    }
}
