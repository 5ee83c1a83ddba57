using Microsoft.Extensions.Options;
using Orleans.Jobs.Configuration;

namespace Orleans.Jobs.Scheduling;

/// <summary>Checks a definition before anything is stored; every error names its field.</summary>
internal sealed class JobDefinitionValidator(JobTypeRegistry jobTypes, IOptions<JobsOptions> options)
{
    private const int MaximumLabels = 32;
    private const int MaximumLabelKeyLength = 63;
    private const int MaximumLabelValueLength = 256;
    private const int MaximumDescriptionLength = 1024;
    private const int MaximumAttemptsLimit = 100;
    private const int MaximumSchedules = 32;
    private const int MaximumPayloadItems = 10_000;
    private const int MaximumResultWebhooks = 10;
    private const int MaximumPayloadConcurrency = 100;
    private static readonly TimeSpan _maximumJitter = TimeSpan.FromDays(1);

    public void Validate(JobDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        JobIds.Validate(definition.Id);
        if (string.IsNullOrWhiteSpace(definition.Type))
        {
            throw new JobValidationException("type", "is required.");
        }

        if (!jobTypes.TryGet(definition.Type, out _))
        {
            var known = jobTypes.Names;
            throw new JobValidationException("type", $"unknown job type '{definition.Type}'; registered: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}.");
        }

        ValidateParameters(definition.Parameters ?? throw new JobValidationException("parameters", "must not be null."));
        ValidateRetry(definition.Retry ?? throw new JobValidationException("retry", "must not be null."), "retry");
        ValidatePayload(definition);
        var webhooks = definition.ResultWebhooks ?? throw new JobValidationException("resultWebhooks", "must not be null.");
        if (webhooks.Count > MaximumResultWebhooks)
        {
            throw new JobValidationException("resultWebhooks", $"has {webhooks.Count} subscriptions; the limit is {MaximumResultWebhooks}.");
        }

        for (var i = 0; i < webhooks.Count; i++)
        {
            JobIds.Validate(webhooks[i], $"resultWebhooks[{i}]");
        }
        if (definition.StepDeadline <= TimeSpan.Zero || definition.StepDeadline > options.Value.MaximumStepDeadline)
        {
            throw new JobValidationException("stepDeadline", $"must be more than 0 and at most {options.Value.MaximumStepDeadline}, not {definition.StepDeadline}.");
        }

        ValidateSchedules(definition);
        ValidateLabels(definition.Labels ?? throw new JobValidationException("labels", "must not be null."));
        if (definition.Description is { Length: > MaximumDescriptionLength })
        {
            throw new JobValidationException("description", $"is {definition.Description.Length} characters; the limit is {MaximumDescriptionLength}.");
        }
    }

    public void ValidateParameters(JobParameters parameters)
    {
        var bytes = parameters.ByteCount;
        if (bytes > options.Value.MaximumParametersBytes)
        {
            throw new JobValidationException("parameters", $"are {bytes} bytes; the limit is {options.Value.MaximumParametersBytes}.");
        }
    }

    private static void ValidateRetry(RetryPolicy retry, string field)
    {
        if (retry.MaximumAttempts is < 1 or > MaximumAttemptsLimit)
        {
            throw new JobValidationException($"{field}.maximumAttempts", $"must be 1–{MaximumAttemptsLimit}, not {retry.MaximumAttempts}.");
        }

        if (retry.InitialInterval < TimeSpan.Zero || retry.InitialInterval > TimeSpan.FromDays(1))
        {
            throw new JobValidationException($"{field}.initialInterval", $"must be 0–1 day, not {retry.InitialInterval}.");
        }

        if (retry.MaximumInterval < retry.InitialInterval || retry.MaximumInterval > TimeSpan.FromDays(1))
        {
            throw new JobValidationException($"{field}.maximumInterval", $"must be at least initialInterval ({retry.InitialInterval}) and at most 1 day, not {retry.MaximumInterval}.");
        }

        if (!(retry.BackoffCoefficient >= 1 && retry.BackoffCoefficient <= 100))
        {
            throw new JobValidationException($"{field}.backoffCoefficient", $"must be 1–100, not {retry.BackoffCoefficient}.");
        }
    }

    private void ValidatePayload(JobDefinition definition)
    {
        var payload = definition.Payload;
        if (definition.Type != PayloadTypes.Payload)
        {
            if (payload is not null)
            {
                throw new JobValidationException("payload", $"only a job of type '{PayloadTypes.Payload}' has a payload; this one has type '{definition.Type}'.");
            }

            return;
        }

        if (payload is null)
        {
            throw new JobValidationException("payload", $"is required for a job of type '{PayloadTypes.Payload}'.");
        }

        if (payload.MaxItems is < 1 or > MaximumPayloadItems)
        {
            throw new JobValidationException("payload.maxItems", $"must be 1–{MaximumPayloadItems}, not {payload.MaxItems}.");
        }

        var items = payload.Items ?? throw new JobValidationException("payload.items", "must not be null.");
        if (items.Count == 0 || items.Count > payload.MaxItems)
        {
            throw new JobValidationException("payload.items", $"has {items.Count} items; it needs 1–{payload.MaxItems} (maxItems).");
        }

        if (payload.MaxConcurrency is < 1 or > MaximumPayloadConcurrency)
        {
            throw new JobValidationException("payload.maxConcurrency", $"must be 1–{MaximumPayloadConcurrency}, not {payload.MaxConcurrency}.");
        }

        if (payload.ItemTimeout < TimeSpan.FromSeconds(1) || payload.ItemTimeout > TimeSpan.FromHours(1))
        {
            throw new JobValidationException("payload.itemTimeout", $"must be 1 s – 1 h, not {payload.ItemTimeout}.");
        }

        ValidateRetry(payload.ItemRetry ?? throw new JobValidationException("payload.itemRetry", "must not be null."), "payload.itemRetry");
        for (var i = 0; i < items.Count; i++)
        {
            ValidateItem(items[i] ?? throw new JobValidationException($"payload.items[{i}]", "must not be null."), $"payload.items[{i}]");
        }
    }

    /// <summary>Checks one payload item: a known type (not a payload), bounded parameters, a valid retry policy.</summary>
    public void ValidateItem(PayloadItem item, string field)
    {
        if (string.IsNullOrWhiteSpace(item.Type))
        {
            throw new JobValidationException($"{field}.type", "is required.");
        }

        if (item.Type == PayloadTypes.Payload)
        {
            throw new JobValidationException($"{field}.type", "an item cannot be a payload itself.");
        }

        if (item.Type != PayloadTypes.Http && !jobTypes.TryGet(item.Type, out _))
        {
            throw new JobValidationException($"{field}.type", $"unknown job type '{item.Type}'; registered: {string.Join(", ", jobTypes.Names.Where(n => n != PayloadTypes.Payload).Append(PayloadTypes.Http).Order(StringComparer.Ordinal))}.");
        }

        var parameters = item.Parameters ?? throw new JobValidationException($"{field}.parameters", "must not be null.");
        if (parameters.ByteCount > options.Value.MaximumParametersBytes)
        {
            throw new JobValidationException($"{field}.parameters", $"are {parameters.ByteCount} bytes; the limit is {options.Value.MaximumParametersBytes}.");
        }

        if (item.Type == PayloadTypes.Http)
        {
            HttpItemParameters http;
            try
            {
                http = parameters.As<HttpItemParameters>();
            }
            catch (System.Text.Json.JsonException exception)
            {
                throw new JobValidationException($"{field}.parameters", $"are not http item parameters: {exception.Message}");
            }

            http.Validate($"{field}.parameters");
        }

        if (item.Retry is { } retry)
        {
            ValidateRetry(retry, $"{field}.retry");
        }

        if (item.Name is { Length: > 256 })
        {
            throw new JobValidationException($"{field}.name", $"is {item.Name.Length} characters; the limit is 256.");
        }
    }

    private static void ValidateSchedules(JobDefinition definition)
    {
        var schedules = definition.Schedules ?? throw new JobValidationException("schedules", "must not be null.");
        if (schedules.Count > MaximumSchedules)
        {
            throw new JobValidationException("schedules", $"has {schedules.Count} schedules; the limit is {MaximumSchedules}.");
        }

        for (var i = 0; i < schedules.Count; i++)
        {
            (schedules[i] ?? throw new JobValidationException($"schedules[{i}]", "must not be null.")).Validate($"schedules[{i}]");
        }

        if (definition.StartAt is { } start && definition.EndAt is { } end && end < start)
        {
            throw new JobValidationException("endAt", $"{end:O} is before startAt {start:O}.");
        }

        if (definition.Limit is < 1)
        {
            throw new JobValidationException("limit", $"must be at least 1, not {definition.Limit}.");
        }

        if (definition.Jitter < TimeSpan.Zero || definition.Jitter > _maximumJitter)
        {
            throw new JobValidationException("jitter", $"must be 0–{_maximumJitter}, not {definition.Jitter}.");
        }

        if (definition.SuccessWithin is { } within && (within < TimeSpan.FromSeconds(1) || within > TimeSpan.FromDays(366)))
        {
            throw new JobValidationException("successWithin", $"must be 1 s – 366 days, not {within}.");
        }

        if (!Enum.IsDefined(definition.Overlap))
        {
            throw new JobValidationException("overlap", $"unknown policy {definition.Overlap}.");
        }

        var misfire = definition.Misfire ?? throw new JobValidationException("misfire", "must not be null.");
        if (!Enum.IsDefined(misfire.Action))
        {
            throw new JobValidationException("misfire.action", $"unknown action {misfire.Action}.");
        }

        if (misfire.Threshold < TimeSpan.Zero)
        {
            throw new JobValidationException("misfire.threshold", $"must not be negative, not {misfire.Threshold}.");
        }

        if (misfire.MaximumCatchUp is < 1 or > 1000)
        {
            throw new JobValidationException("misfire.maximumCatchUp", $"must be 1–1000, not {misfire.MaximumCatchUp}.");
        }

        if (misfire.MaximumCatchUpAge <= TimeSpan.Zero)
        {
            throw new JobValidationException("misfire.maximumCatchUpAge", $"must be positive, not {misfire.MaximumCatchUpAge}.");
        }
    }

    private static void ValidateLabels(IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count > MaximumLabels)
        {
            throw new JobValidationException("labels", $"has {labels.Count} labels; the limit is {MaximumLabels}.");
        }

        foreach (var (key, value) in labels)
        {
            if (key is null || key.Length > MaximumLabelKeyLength)
            {
                throw new JobValidationException("labels", $"label names must be 1–{MaximumLabelKeyLength} characters.");
            }

            JobIds.Validate(key, $"labels[{key}]");
            if (value is null || value.Length > MaximumLabelValueLength)
            {
                throw new JobValidationException($"labels[{key}]", $"values must be 0–{MaximumLabelValueLength} characters.");
            }
        }
    }
}
