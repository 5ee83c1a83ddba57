using Microsoft.Extensions.Options;
using Orleans.Jobs.Hosting;

namespace Orleans.Jobs.Jobs;

/// <summary>Checks a definition before anything is stored; every error names its field.</summary>
internal sealed class JobDefinitionValidator(JobTypeRegistry jobTypes, IOptions<JobsOptions> options)
{
    private const int MaximumLabels = 32;
    private const int MaximumLabelKeyLength = 63;
    private const int MaximumLabelValueLength = 256;
    private const int MaximumDescriptionLength = 1024;
    private const int MaximumAttemptsLimit = 100;
    private const int MaximumSchedules = 32;
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
        ValidateRetry(definition.Retry ?? throw new JobValidationException("retry", "must not be null."));
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

    private static void ValidateRetry(RetryPolicy retry)
    {
        if (retry.MaximumAttempts is < 1 or > MaximumAttemptsLimit)
        {
            throw new JobValidationException("retry.maximumAttempts", $"must be 1–{MaximumAttemptsLimit}, not {retry.MaximumAttempts}.");
        }

        if (retry.InitialInterval < TimeSpan.Zero || retry.InitialInterval > TimeSpan.FromDays(1))
        {
            throw new JobValidationException("retry.initialInterval", $"must be 0–1 day, not {retry.InitialInterval}.");
        }

        if (retry.MaximumInterval < retry.InitialInterval || retry.MaximumInterval > TimeSpan.FromDays(1))
        {
            throw new JobValidationException("retry.maximumInterval", $"must be at least initialInterval ({retry.InitialInterval}) and at most 1 day, not {retry.MaximumInterval}.");
        }

        if (!(retry.BackoffCoefficient >= 1 && retry.BackoffCoefficient <= 100))
        {
            throw new JobValidationException("retry.backoffCoefficient", $"must be 1–100, not {retry.BackoffCoefficient}.");
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
