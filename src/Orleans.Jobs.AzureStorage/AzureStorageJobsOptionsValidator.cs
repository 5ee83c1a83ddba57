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

        if (!ContainerName().IsMatch(options.GrainStateContainer ?? string.Empty))
        {
            failures.Add($"Storage:GrainStateContainer '{options.GrainStateContainer}' is not a container name (3–63 lowercase letters, digits and single hyphens).");
        }

        if (!TableName().IsMatch(options.ReminderTable ?? string.Empty))
        {
            failures.Add($"Storage:ReminderTable '{options.ReminderTable}' is not a table name (3–63 letters and digits, starting with a letter).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
