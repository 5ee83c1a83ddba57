using System.Text.Json;

namespace Orleans.Jobs;

/// <summary>
/// What a definition must be, apart from what only a silo knows (its registered job types and configured limits): every
/// value within a bound that keeps the definition plannable, storable and reloadable, every error naming its field.
/// The client library checks these before anything is sent; the silo checks them again with its own rules.
/// </summary>
public static class JobDefinitionRules
{
    /// <summary>The largest definition, as JSON: 1 MiB, parameters and payload items included.</summary>
    public const int LargestDefinitionBytes = 1024 * 1024;

    /// <summary>The most labels on a job.</summary>
    public const int MostLabels = 32;

    /// <summary>The longest label name.</summary>
    public const int LongestLabelName = 63;

    /// <summary>The longest label value.</summary>
    public const int LongestLabelValue = 256;

    /// <summary>The longest description.</summary>
    public const int LongestDescription = 1024;

    /// <summary>The longest reason given to cancel a job or terminate a run.</summary>
    public const int LongestReason = 1024;

    /// <summary>The most attempts a retry policy may allow.</summary>
    public const int MostAttempts = 100;

    /// <summary>The most schedules on a job.</summary>
    public const int MostSchedules = 32;

    /// <summary>The most items a payload may hold.</summary>
    public const int MostPayloadItems = 10_000;

    /// <summary>The most items of a payload run at once.</summary>
    public const int MostPayloadConcurrency = 100;

    /// <summary>The most webhook sinks on a job.</summary>
    public const int MostResultWebhooks = 10;

    /// <summary>The longest payload item name.</summary>
    public const int LongestItemName = 256;

    /// <summary>The longest wait a retry policy may ask for.</summary>
    public static readonly TimeSpan LongestRetryInterval = TimeSpan.FromDays(1);

    /// <summary>The most jitter a job may have.</summary>
    public static readonly TimeSpan MostJitter = TimeSpan.FromDays(1);

    /// <summary>The longest success window.</summary>
    public static readonly TimeSpan LongestSuccessWithin = TimeSpan.FromDays(366);

    /// <summary>The longest misfire threshold and the oldest catch-up age.</summary>
    public static readonly TimeSpan LongestMisfireWindow = TimeSpan.FromDays(366);

    /// <summary>Throws <see cref="JobValidationException"/> naming the first field of <paramref name="definition"/> out of bounds.</summary>
    public static void Validate(JobDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        JobIds.Validate(definition.Id);
        if (string.IsNullOrWhiteSpace(definition.Type))
        {
            throw new JobValidationException("type", "is required.");
        }

        JobIds.Validate(definition.Type, "type");
        _ = definition.Parameters ?? throw new JobValidationException("parameters", "must not be null.");
        ValidateRetry(definition.Retry ?? throw new JobValidationException("retry", "must not be null."), "retry");
        ValidatePayload(definition);
        var webhooks = definition.ResultWebhooks ?? throw new JobValidationException("resultWebhooks", "must not be null.");
        if (webhooks.Count > MostResultWebhooks)
        {
            throw new JobValidationException("resultWebhooks", $"has {webhooks.Count} subscriptions; the limit is {MostResultWebhooks}.");
        }

        for (var i = 0; i < webhooks.Count; i++)
        {
            JobIds.Validate(webhooks[i], $"resultWebhooks[{i}]");
        }

        if (definition.StepDeadline <= TimeSpan.Zero)
        {
            throw new JobValidationException("stepDeadline", $"must be more than 0, not {definition.StepDeadline}.");
        }

        ValidateTiming(definition);
        ValidateLabels(definition.Labels ?? throw new JobValidationException("labels", "must not be null."));
        if (definition.Description is { Length: > LongestDescription })
        {
            throw new JobValidationException("description", $"is {definition.Description.Length} characters; the limit is {LongestDescription}.");
        }

        ValidateSize(definition);
    }

    /// <summary>Throws naming <paramref name="field"/> when <paramref name="reason"/> is longer than <see cref="LongestReason"/>.</summary>
    public static void ValidateReason(string? reason, string field = "reason")
    {
        if (reason is { Length: > LongestReason })
        {
            throw new JobValidationException(field, $"is {reason.Length} characters; the limit is {LongestReason}.");
        }
    }

    /// <summary>Checks a reschedule's timing by the same rules as a definition's.</summary>
    public static void ValidateReschedule(RescheduleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateTiming(new JobDefinition
        {
            Id = "reschedule",
            Type = "reschedule",
            Schedules = request.Schedules,
            StartAt = request.StartAt,
            EndAt = request.EndAt,
            Limit = request.Limit,
            Jitter = request.Jitter,
        });
    }

    /// <summary>Checks a retry policy: attempts, intervals and coefficient within their bounds.</summary>
    public static void ValidateRetry(RetryPolicy retry, string field)
    {
        ArgumentNullException.ThrowIfNull(retry);
        if (retry.MaximumAttempts is < 1 or > MostAttempts)
        {
            throw new JobValidationException($"{field}.maximumAttempts", $"must be 1–{MostAttempts}, not {retry.MaximumAttempts}.");
        }

        if (retry.InitialInterval < TimeSpan.Zero || retry.InitialInterval > LongestRetryInterval)
        {
            throw new JobValidationException($"{field}.initialInterval", $"must be 0–1 day, not {retry.InitialInterval}.");
        }

        if (retry.MaximumInterval < retry.InitialInterval || retry.MaximumInterval > LongestRetryInterval)
        {
            throw new JobValidationException($"{field}.maximumInterval", $"must be at least initialInterval ({retry.InitialInterval}) and at most 1 day, not {retry.MaximumInterval}.");
        }

        if (!(retry.BackoffCoefficient >= 1 && retry.BackoffCoefficient <= 100))
        {
            throw new JobValidationException($"{field}.backoffCoefficient", $"must be 1–100, not {retry.BackoffCoefficient}.");
        }
    }

    /// <summary>Checks one payload item's shape: a type that is not a payload, parameters, http parameters, retry, name.</summary>
    public static void ValidateItem(PayloadItem item, string field)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrWhiteSpace(item.Type))
        {
            throw new JobValidationException($"{field}.type", "is required.");
        }

        JobIds.Validate(item.Type, $"{field}.type");
        if (item.Type == PayloadTypes.Payload)
        {
            throw new JobValidationException($"{field}.type", "an item cannot be a payload itself.");
        }

        var parameters = item.Parameters ?? throw new JobValidationException($"{field}.parameters", "must not be null.");
        if (item.Type == PayloadTypes.Http)
        {
            HttpItemParameters http;
            try
            {
                http = parameters.As<HttpItemParameters>();
            }
            catch (JsonException exception)
            {
                throw new JobValidationException($"{field}.parameters", $"are not http item parameters: {exception.Message}");
            }

            http.Validate($"{field}.parameters");
        }

        if (item.Retry is { } retry)
        {
            ValidateRetry(retry, $"{field}.retry");
        }

        if (item.Name is { Length: > LongestItemName })
        {
            throw new JobValidationException($"{field}.name", $"is {item.Name.Length} characters; the limit is {LongestItemName}.");
        }
    }

    private static void ValidatePayload(JobDefinition definition)
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

        if (payload.MaxItems is < 1 or > MostPayloadItems)
        {
            throw new JobValidationException("payload.maxItems", $"must be 1–{MostPayloadItems}, not {payload.MaxItems}.");
        }

        var items = payload.Items ?? throw new JobValidationException("payload.items", "must not be null.");
        if (items.Count == 0 || items.Count > payload.MaxItems)
        {
            throw new JobValidationException("payload.items", $"has {items.Count} items; it needs 1–{payload.MaxItems} (maxItems).");
        }

        if (payload.MaxConcurrency is < 1 or > MostPayloadConcurrency)
        {
            throw new JobValidationException("payload.maxConcurrency", $"must be 1–{MostPayloadConcurrency}, not {payload.MaxConcurrency}.");
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

    private static void ValidateTiming(JobDefinition definition)
    {
        var schedules = definition.Schedules ?? throw new JobValidationException("schedules", "must not be null.");
        if (schedules.Count > MostSchedules)
        {
            throw new JobValidationException("schedules", $"has {schedules.Count} schedules; the limit is {MostSchedules}.");
        }

        for (var i = 0; i < schedules.Count; i++)
        {
            (schedules[i] ?? throw new JobValidationException($"schedules[{i}]", "must not be null.")).Validate($"schedules[{i}]");
        }

        if (definition.StartAt is { } start)
        {
            ScheduleLimits.Validate(start, "startAt");
        }

        if (definition.EndAt is { } end)
        {
            ScheduleLimits.Validate(end, "endAt");
            if (definition.StartAt is { } from && end < from)
            {
                throw new JobValidationException("endAt", $"{end:O} is before startAt {from:O}.");
            }
        }

        if (definition.Limit is < 1)
        {
            throw new JobValidationException("limit", $"must be at least 1, not {definition.Limit}.");
        }

        if (definition.Jitter < TimeSpan.Zero || definition.Jitter > MostJitter)
        {
            throw new JobValidationException("jitter", $"must be 0–{MostJitter}, not {definition.Jitter}.");
        }

        if (definition.SuccessWithin is { } within && (within < TimeSpan.FromSeconds(1) || within > LongestSuccessWithin))
        {
            throw new JobValidationException("successWithin", $"must be 1 s – {LongestSuccessWithin.TotalDays:0} days, not {within}.");
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

        if (misfire.Threshold < TimeSpan.Zero || misfire.Threshold > LongestMisfireWindow)
        {
            throw new JobValidationException("misfire.threshold", $"must be 0 – {LongestMisfireWindow.TotalDays:0} days, not {misfire.Threshold}.");
        }

        if (misfire.MaximumCatchUp is < 1 or > 1000)
        {
            throw new JobValidationException("misfire.maximumCatchUp", $"must be 1–1000, not {misfire.MaximumCatchUp}.");
        }

        if (misfire.MaximumCatchUpAge <= TimeSpan.Zero || misfire.MaximumCatchUpAge > LongestMisfireWindow)
        {
            throw new JobValidationException("misfire.maximumCatchUpAge", $"must be more than 0 and at most {LongestMisfireWindow.TotalDays:0} days, not {misfire.MaximumCatchUpAge}.");
        }
    }

    private static void ValidateLabels(IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count > MostLabels)
        {
            throw new JobValidationException("labels", $"has {labels.Count} labels; the limit is {MostLabels}.");
        }

        foreach (var (key, value) in labels)
        {
            if (key is null || key.Length > LongestLabelName)
            {
                throw new JobValidationException("labels", $"label names must be 1–{LongestLabelName} characters.");
            }

            JobIds.Validate(key, $"labels[{key}]");
            if (value is null || value.Length > LongestLabelValue)
            {
                throw new JobValidationException($"labels[{key}]", $"values must be 0–{LongestLabelValue} characters.");
            }
        }
    }

    /// <summary>The definition as a whole, as the JSON it is stored as, is at most <see cref="LargestDefinitionBytes"/>.</summary>
    private static void ValidateSize(JobDefinition definition)
    {
        // The parameters alone are counted first, so a definition far too large is refused without serializing it.
        long parameters = definition.Parameters.ByteCount;
        foreach (var item in definition.Payload?.Items ?? [])
        {
            parameters += item.Parameters.ByteCount;
        }

        var bytes = parameters > LargestDefinitionBytes ? parameters : JsonSerializer.SerializeToUtf8Bytes(definition, JobJson.Options).LongLength;
        if (bytes > LargestDefinitionBytes)
        {
            throw new JobValidationException("definition", $"is {bytes} bytes as JSON; the limit is {LargestDefinitionBytes}.");
        }
    }
}
