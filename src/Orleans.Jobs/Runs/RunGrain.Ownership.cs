using Orleans.Storage;

namespace Orleans.Jobs.Runs;

/// <summary>
/// The split-brain guard. Orleans may briefly hold two activations of a run while membership changes; only one may
/// do a step's work, and the one that loses steps down without committing.
/// </summary>
internal sealed partial class RunGrain
{
    private bool _stale;
    private bool _claimed;
    private bool _ownershipJustClaimed;

    /// <summary>
    /// Whether this activation may perform the next step. An activation that has not written the checkpoint yet
    /// claims it first by writing it back (ETag-guarded: of two activations, the later claim or commit fails, and the
    /// loser's work is never committed); afterwards it reads the checkpoint back before each step and steps down if
    /// another activation has written it since. The first step after this activation started the run goes without
    /// the read: its checkpoint was written in the turn that queued the step.
    /// </summary>
    private async Task<bool> IsStillOwnerAsync(bool justClaimed)
    {
        if (_claimed && justClaimed)
        {
            return true;
        }

        if (!_claimed)
        {
            try
            {
                await WriteStateOrThrowAsync();
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }

        if (!_options.VerifyCheckpointBeforeStep)
        {
            return true;
        }

        var etag = _state.Etag;
        await _state.ReadStateAsync();
        return string.Equals(etag, _state.Etag, StringComparison.Ordinal);
    }

    /// <summary>The stored checkpoint is the truth; a new activation (through the keep-alive reminder) resumes from it.</summary>
    private async Task BecomeStaleAsync()
    {
        _stale = true;
        StopStepping();
        await _activationCancellation.CancelAsync();
        DeactivateOnIdle();
    }
}
