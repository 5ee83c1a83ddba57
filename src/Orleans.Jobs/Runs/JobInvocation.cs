using Microsoft.Extensions.DependencyInjection;
using Orleans.Jobs.Configuration;

namespace Orleans.Jobs.Runs;

/// <summary>
/// One job instance working for one run on one activation: made from DI in its own scope, bound to its context,
/// prepared once, then performing steps. Shared by the run grain and the job authors' test kit, so both run jobs
/// the same way (batchers flushed at the end of every step, before its checkpoint).
/// </summary>
internal sealed class JobInvocation : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly IJob _job;

    private JobInvocation(AsyncServiceScope scope, IJob job, JobContext context)
    {
        _scope = scope;
        _job = job;
        Context = context;
    }

    public JobContext Context { get; }

    /// <summary>
    /// A job instance of the registered type <paramref name="type"/>; <see cref="UnknownJobTypeException"/> (which no
    /// retry on this silo can fix) when this silo has none.
    /// </summary>
    public static JobInvocation Create(IServiceProvider services, JobTypeRegistry jobTypes, string type, string silo, JobContext context)
    {
        ArgumentNullException.ThrowIfNull(jobTypes);
        if (!jobTypes.TryGet(type, out var registration))
        {
            throw new UnknownJobTypeException(type, silo, jobTypes.Names);
        }

        return Create(services, registration, context);
    }

    /// <summary>A job instance of <paramref name="registration"/>'s type, made in a DI scope of its own.</summary>
    public static JobInvocation Create(IServiceProvider services, JobTypeRegistration registration, JobContext context)
    {
        var scope = services.CreateAsyncScope();
        try
        {
            var job = (IJob)ActivatorUtilities.CreateInstance(scope.ServiceProvider, registration.JobType);
            job.Bind(context);
            return new JobInvocation(scope, job, context);
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    public Task<JobCheckpoint> PrepareAsync(JobCheckpoint? resumeFrom, CancellationToken cancellationToken) =>
        _job.PrepareAsync(Context.Parameters, resumeFrom, cancellationToken);

    public async Task<JobCheckpoint> PerformAsync(JobCheckpoint current, CancellationToken cancellationToken)
    {
        var next = await _job.PerformAsync(current, cancellationToken).ConfigureAwait(false);
        await Context.FlushBatchersAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    public async ValueTask DisposeAsync()
    {
        switch (_job)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        await _scope.DisposeAsync().ConfigureAwait(false);
    }
}
