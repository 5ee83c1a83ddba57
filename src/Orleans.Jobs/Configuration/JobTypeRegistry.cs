namespace Orleans.Jobs.Configuration;

/// <summary>The job types this silo can run, by name.</summary>
public sealed class JobTypeRegistry
{
    private readonly Dictionary<string, JobTypeRegistration> _byName = new(StringComparer.Ordinal);

    /// <summary>Collects the registrations made with <c>JobTypesBuilder</c>.</summary>
    public JobTypeRegistry(IEnumerable<JobTypeRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            if (_byName.TryGetValue(registration.Name, out var existing) && existing.JobType != registration.JobType)
            {
                throw new InvalidOperationException(
                    $"Job type name '{registration.Name}' is registered twice: {existing.JobType.FullName} and {registration.JobType.FullName}.");
            }

            _byName[registration.Name] = registration;
        }
    }

    /// <summary>Registered names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _byName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Finds a registration by name.</summary>
    public bool TryGet(string name, out JobTypeRegistration registration) =>
        _byName.TryGetValue(name, out registration!);
}
