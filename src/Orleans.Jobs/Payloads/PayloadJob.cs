using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Jobs.Runs;

namespace Orleans.Jobs.Payloads;

/// <summary>
/// The built-in <see cref="PayloadTypes.Payload"/> job type. Each Perform starts pending items (and retries whose
/// backoff is over) on item grains up to the payload's concurrency, waits a little for an outcome, collects the
/// outcomes of items in flight, and returns the items' states for the checkpoint. Retries wait out their backoff while other
/// items go on. After a move to another silo, Prepare puts the items that were in flight back to pending: completed
/// items never run again, items in flight run at least once more. The run completes when every item has completed or
/// failed for good; its result lists every item's outcome.
/// </summary>
internal sealed class PayloadJob(IGrainFactory grains) : Job<PayloadRunState>, IAsyncDisposable
{
    /// <summary>Longest a Perform waits for an outcome before checkpointing what it has.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(1);

    private readonly Dictionary<int, Task<PayloadItemOutcome>> _inFlight = [];
    private readonly CancellationTokenSource _items = new();
    private PayloadDefinition _payload = null!;

    public override Task<JobStatus<PayloadRunState>> PrepareAsync(JobParameters parameters, JobStatus<PayloadRunState>? resumeFrom, CancellationToken cancellationToken)
    {
        _payload = (Context as JobContext)?.Payload ?? throw new NonRetryableJobException("the job has type 'payload' but no payload.");
        if (resumeFrom is null)
        {
            var state = new PayloadRunState { Items = [.. _payload.Items.Select((item, index) => new PayloadItemState { Index = index, Item = item })] };
            Context.Logger.LogInformation("Payload of {Count} items, at most {Concurrency} at a time.", state.Items.Count, _payload.MaxConcurrency);
            return Task.FromResult(JobStatus.Start(state).WithProgress(state.Progress()));
        }

        var lost = 0;
        foreach (var item in resumeFrom.State.Items.Where(i => i.Status == PayloadItemStatus.Running))
        {
            item.Status = PayloadItemStatus.Pending;
            item.Attempts--;
            lost++;
        }

        if (lost > 0)
        {
            Context.Logger.LogWarning("{Count} items were in flight when the run moved or stopped; they run again.", lost);
        }

        return Task.FromResult(resumeFrom.WithProgress(resumeFrom.State.Progress()));
    }

    public override async Task<JobStatus<PayloadRunState>> PerformAsync(JobStatus<PayloadRunState> status, CancellationToken cancellationToken)
    {
        // Items start only into slots whose outcome the last checkpoint holds, and outcomes are collected last: the
        // items whose runs a checkpoint does not yet account for are never more than the concurrency, so after a
        // move at most that many run again.
        var state = status.State;
        Start(state);
        if (_inFlight.Count > 0 && !_inFlight.Values.Any(t => t.IsCompleted))
        {
            var now = Context.Time.GetUtcNow();
            var wait = NextRetry(state) is { } retryAt && retryAt - now < LongestWait ? retryAt - now : LongestWait;
            await Task.WhenAny(Task.WhenAny(_inFlight.Values), Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Context.Time, cancellationToken)).ConfigureAwait(false);
        }

        Collect(state);

        var progress = state.Progress();
        if (progress.Pending == 0)
        {
            Context.Logger.LogInformation("Payload done: {Completed} completed, {Failed} failed.", progress.Completed, progress.Failed);
            return status.With(state).WithProgress(progress).Complete(Summary(state));
        }

        // Nothing in flight: only retries wait. Sleep until the first is due (the run may deactivate meanwhile).
        return _inFlight.Count == 0 && NextRetry(state) is { } next
            ? status.With(state).WithProgress(progress).SleepUntil(next)
            : status.With(state).WithProgress(progress);
    }

    public async ValueTask DisposeAsync()
    {
        // This instance's items are abandoned (the run moved, was retried or ended): cancel what still runs.
        await _items.CancelAsync().ConfigureAwait(false);
        _items.Dispose();
    }

    private void Collect(PayloadRunState state)
    {
        foreach (var (index, task) in _inFlight.Where(p => p.Value.IsCompleted).ToList())
        {
            _inFlight.Remove(index);
            var item = state.Items[index];
            var outcome = task.IsCompletedSuccessfully ? task.Result : Lost(task.Exception?.GetBaseException(), item);
            item.Silo = outcome.Silo;
            if (outcome.Succeeded)
            {
                Complete(state, item, outcome);
            }
            else
            {
                Fail(item, outcome.Error!);
            }
        }
    }

    private void Complete(PayloadRunState state, PayloadItemState item, PayloadItemOutcome outcome)
    {
        var now = Context.Time.GetUtcNow();
        if (state.Items.Count + outcome.Added.Count > _payload.MaxItems)
        {
            var limit = new PayloadLimitExceededException(_payload.MaxItems, state.Items.Count + outcome.Added.Count);
            Fail(item, new RunError { Type = typeof(PayloadLimitExceededException).FullName!, Message = limit.Message, NonRetryable = true, Attempt = item.Attempts, At = now });
            return;
        }

        item.Status = PayloadItemStatus.Completed;
        item.Error = null;
        item.FinishedAt = now;
        item.Result = outcome.ResultJson is null ? null : JsonDocument.Parse(outcome.ResultJson).RootElement.Clone();
        foreach (var added in outcome.Added)
        {
            state.Items.Add(new PayloadItemState { Index = state.Items.Count, Item = added, AddedBy = item.Index });
        }
    }

    private void Fail(PayloadItemState item, RunError error)
    {
        var retry = item.Item.Retry ?? _payload.ItemRetry;
        item.Error = error;
        if (error.NonRetryable || item.Attempts >= retry.MaximumAttempts)
        {
            item.Status = PayloadItemStatus.Failed;
            item.FinishedAt = Context.Time.GetUtcNow();
            Context.Logger.LogWarning("Item {Index} failed for good after {Attempts} attempts: {Error}", item.Index, item.Attempts, error.Message);
            return;
        }

        item.Status = PayloadItemStatus.Retrying;
        item.RetryAt = Context.Time.GetUtcNow() + retry.DelayAfter(item.Attempts);
        Context.Logger.LogInformation("Item {Index} attempt {Attempt} failed ({Error}); retrying at {RetryAt:O}.", item.Index, item.Attempts, error.Message, item.RetryAt);
    }

    private void Start(PayloadRunState state)
    {
        if (Context.RunCancelled.IsCancellationRequested)
        {
            return;
        }

        var now = Context.Time.GetUtcNow();
        foreach (var item in state.Items)
        {
            if (_inFlight.Count >= _payload.MaxConcurrency)
            {
                return;
            }

            if (item.Status == PayloadItemStatus.Pending || (item.Status == PayloadItemStatus.Retrying && item.RetryAt <= now))
            {
                item.Status = PayloadItemStatus.Running;
                item.RetryAt = null;
                item.Attempts++;
                _inFlight[item.Index] = Dispatch(state, item);
            }
        }
    }

    private Task<PayloadItemOutcome> Dispatch(PayloadRunState state, PayloadItemState item)
    {
        var request = new PayloadItemRequest
        {
            JobId = Context.JobId,
            RunId = Context.RunId,
            Index = item.Index,
            Attempt = item.Attempts,
            Item = item.Item,
            Timeout = _payload.ItemTimeout,
            Capacity = Math.Max(0, _payload.MaxItems - state.Items.Count),
            MaxItems = _payload.MaxItems,
        };

        // A fresh grain per dispatch: an attempt lost with the previous activation of the run never holds this one up.
        var grain = grains.Reference<IPayloadItemGrain>($"{Context.RunId}/{item.Index}/{item.Attempts}/{Guid.NewGuid():N}");
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_items.Token, Context.RunCancelled);
        var call = grain.ExecuteAsync(request, cancellation.Token);
        _ = call.ContinueWith(static (_, c) => ((CancellationTokenSource)c!).Dispose(), cancellation, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return call;
    }

    private PayloadItemOutcome Lost(Exception? exception, PayloadItemState item) => new()
    {
        Succeeded = false,
        Silo = item.Silo ?? "",
        Error = new RunError
        {
            Type = exception?.GetType().FullName ?? "Error",
            Message = $"the item's call failed: {exception?.Message ?? "no answer"}",
            Attempt = item.Attempts,
            At = Context.Time.GetUtcNow(),
        },
    };

    private static DateTimeOffset? NextRetry(PayloadRunState state) =>
        state.Items.Where(i => i.Status == PayloadItemStatus.Retrying).Min(i => i.RetryAt);

    private static object Summary(PayloadRunState state) => new
    {
        completed = state.Items.Count(i => i.Status == PayloadItemStatus.Completed),
        failed = state.Items.Count(i => i.Status == PayloadItemStatus.Failed),
        items = state.Items.Select(i => new
        {
            index = i.Index,
            type = i.Item.Type,
            name = i.Item.Name,
            status = i.Status,
            attempts = i.Attempts,
            silo = i.Silo,
            addedBy = i.AddedBy,
            error = i.Error?.Message,
            result = i.Result,
        }),
    };
}
