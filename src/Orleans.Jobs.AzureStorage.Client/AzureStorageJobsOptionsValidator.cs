using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Orleans.Jobs.AzureStorage;

/// <summary>Checks <see cref="AzureStorageJobsOptions"/> at start-up; every failure names its setting.</summary>
internal sealed partial class AzureStorageJobsOptionsValidator : IValidateOptions<AzureStorageJobsOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureStorageJobsOptions options)
    {
        var failures = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasUris = options.BlobServiceUri is not null || options.TableServiceUri is not null;
        if (hasConnectionString == hasUris)
        {
            failures.Add("Storage: set either ConnectionString or both BlobServiceUri and TableServiceUri.");
        }
        else if (hasUris && (options.BlobServiceUri is not { IsAbsoluteUri: true } || options.TableServiceUri is not { IsAbsoluteUri: true }))
        {
            failures.Add("Storage: BlobServiceUri and TableServiceUri must both be absolute URIs.");
        }

        foreach (var (setting, container) in new[]
        {
            (nameof(options.GrainStateContainer), options.GrainStateContainer),
            (nameof(options.ResultsContainer), options.ResultsContainer),
            (nameof(options.LogsContainer), options.LogsContainer),
        })
        {
            if (!ContainerName().IsMatch(container ?? string.Empty))
            {
                failures.Add($"Storage:{setting} '{container}' is not a container name (3–63 lowercase letters, digits and single hyphens).");
            }
        }

        foreach (var (setting, table) in new[]
        {
            (nameof(options.ReminderTable), options.ReminderTable),
            (nameof(options.MembershipTable), options.MembershipTable),
            (nameof(options.JobCatalogTable), options.JobCatalogTable),
            (nameof(options.RunCatalogTable), options.RunCatalogTable),
        })
        {
            if (!TableName().IsMatch(table ?? string.Empty))
            {
                failures.Add($"Storage:{setting} '{table}' is not a table name (3–63 letters and digits, starting with a letter).");
            }
        }

        if (options.Retention is { } retention && retention <= TimeSpan.Zero)
        {
            failures.Add($"Storage:Retention must be positive (or unset to keep everything), not {retention}.");
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Storage:RequestTimeout must be 1 s – 5 min, not {options.RequestTimeout}.");
        }

        if (options.RetentionSweepInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"Storage:RetentionSweepInterval must be at least 1 s, not {options.RetentionSweepInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
