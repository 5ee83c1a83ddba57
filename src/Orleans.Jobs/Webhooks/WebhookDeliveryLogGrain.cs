using Microsoft.Extensions.Options;
using Orleans.Jobs.Configuration;

namespace Orleans.Jobs.Webhooks;

/// <summary>One subscription's recent deliveries. A later attempt of a delivery replaces its entry and moves it first.</summary>
internal sealed class WebhookDeliveryLogGrain(
    [PersistentState("webhook-log", JobsStorageNames.GrainStorage)] IPersistentState<WebhookDeliveryLogState> state,
    IOptions<WebhookOptions> options) : Grain, IWebhookDeliveryLogGrain
{
    public async Task RecordAsync(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var deliveries = state.State.Deliveries;
        deliveries.RemoveAll(d => d.DeliveryId == delivery.DeliveryId);
        deliveries.Insert(0, delivery);
        var limit = options.Value.DeliveryLogLimit;
        if (deliveries.Count > limit)
        {
            deliveries.RemoveRange(limit, deliveries.Count - limit);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<WebhookDelivery>> ListAsync(int limit) =>
        Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. state.State.Deliveries.Take(limit)]);

    public async Task ClearAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new WebhookDeliveryLogState();
    }
}
