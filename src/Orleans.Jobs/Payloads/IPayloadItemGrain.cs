namespace Orleans.Jobs.Payloads;

/// <summary>
/// Runs one attempt of one payload item (keyed <c>{runId}/{index}/{attempt}</c>, placed at random so a run's items
/// spread over the cluster): the item's job type from Prepare to Complete, in memory, within the item timeout.
/// </summary>
internal interface IPayloadItemGrain : IGrainWithStringKey
{
    [ResponseTimeout("01:05:00")]
    Task<PayloadItemOutcome> ExecuteAsync(PayloadItemRequest request, CancellationToken cancellationToken);
}
