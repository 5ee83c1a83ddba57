using Microsoft.Extensions.Options;
using Orleans.Jobs.Configuration;

namespace Orleans.Jobs.Scheduling;

/// <summary>
/// Checks a definition before anything is stored; every error names its field. The shape (<see cref="JobDefinitionRules"/>,
/// which the client library checks too), then what only this silo knows: its registered job types and its configured
/// limits on parameters and step deadlines.
/// </summary>
internal sealed class JobDefinitionValidator(JobTypeRegistry jobTypes, IOptions<JobsOptions> options)
{
    public void Validate(JobDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        JobDefinitionRules.Validate(definition);
        if (!jobTypes.TryGet(definition.Type, out _))
        {
            var known = jobTypes.Names;
            throw new JobValidationException("type", $"unknown job type '{definition.Type}'; registered: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}.");
        }

        ValidateParameters(definition.Parameters);
        var items = definition.Payload?.Items ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            ValidateItemAgainstSilo(items[i], $"payload.items[{i}]");
        }

        if (definition.StepDeadline > options.Value.MaximumStepDeadline)
        {
            throw new JobValidationException("stepDeadline", $"must be more than 0 and at most {options.Value.MaximumStepDeadline}, not {definition.StepDeadline}.");
        }
    }

    public void ValidateParameters(JobParameters parameters, string field = "parameters")
    {
        var bytes = parameters.ByteCount;
        if (bytes > options.Value.MaximumParametersBytes)
        {
            throw new JobValidationException(field, $"are {bytes} bytes; the limit is {options.Value.MaximumParametersBytes}.");
        }
    }

    /// <summary>Checks one payload item: its shape (<see cref="JobDefinitionRules.ValidateItem"/>), a type this silo knows, bounded parameters.</summary>
    public void ValidateItem(PayloadItem item, string field)
    {
        JobDefinitionRules.ValidateItem(item, field);
        ValidateItemAgainstSilo(item, field);
    }

    private void ValidateItemAgainstSilo(PayloadItem item, string field)
    {
        if (item.Type != PayloadTypes.Http && !jobTypes.TryGet(item.Type, out _))
        {
            throw new JobValidationException($"{field}.type", $"unknown job type '{item.Type}'; registered: {string.Join(", ", jobTypes.Names.Where(n => n != PayloadTypes.Payload).Append(PayloadTypes.Http).Order(StringComparer.Ordinal))}.");
        }

        ValidateParameters(item.Parameters, $"{field}.parameters");
    }
}
