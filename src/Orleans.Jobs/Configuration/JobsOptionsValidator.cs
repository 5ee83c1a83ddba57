using Microsoft.Extensions.Options;

namespace Orleans.Jobs.Configuration;

/// <summary>Fails silo start-up with a message naming the setting when <see cref="JobsOptions"/> is out of range.</summary>
internal sealed class JobsOptionsValidator(IOptions<JobsOptions> options, IOptions<Orleans.Hosting.ReminderOptions> reminders)
    : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var value = options.Value;
        if (value.KeepAlivePeriod < reminders.Value.MinimumReminderPeriod)
        {
            throw new OrleansConfigurationException(
                $"JobsOptions.KeepAlivePeriod ({value.KeepAlivePeriod}) is shorter than ReminderOptions.MinimumReminderPeriod ({reminders.Value.MinimumReminderPeriod}).");
        }

        if (value.HistoryLimit is < 1 or > 10_000)
        {
            throw new OrleansConfigurationException($"JobsOptions.HistoryLimit must be 1–10000, not {value.HistoryLimit}.");
        }

        if (value.MaximumParametersBytes is < 2 or > 16 * 1024 * 1024)
        {
            throw new OrleansConfigurationException($"JobsOptions.MaximumParametersBytes must be 2 bytes–16 MiB, not {value.MaximumParametersBytes}.");
        }

        if (value.MaximumStepDeadline <= TimeSpan.Zero)
        {
            throw new OrleansConfigurationException($"JobsOptions.MaximumStepDeadline must be positive, not {value.MaximumStepDeadline}.");
        }

        if (value.IdleJobRelease < TimeSpan.Zero || value.IdleJobRelease > TimeSpan.FromHours(1))
        {
            throw new OrleansConfigurationException($"JobsOptions.IdleJobRelease must be 0–1 h, not {value.IdleJobRelease}.");
        }

        if (value.ScheduleTimerHorizon < 2 * value.KeepAlivePeriod)
        {
            throw new OrleansConfigurationException(
                $"JobsOptions.ScheduleTimerHorizon ({value.ScheduleTimerHorizon}) must be at least twice KeepAlivePeriod ({value.KeepAlivePeriod}), so a reminder wakes a job in time for its timer.");
        }

        if (value.LedgerLimit is < 1 or > 100_000)
        {
            throw new OrleansConfigurationException($"JobsOptions.LedgerLimit must be 1–100000, not {value.LedgerLimit}.");
        }

        if (value.MaximumBufferedFires is < 1 or > 10_000)
        {
            throw new OrleansConfigurationException($"JobsOptions.MaximumBufferedFires must be 1–10000, not {value.MaximumBufferedFires}.");
        }

        if (value.MaximumStoreValueBytes is < 16 or > 16 * 1024 * 1024)
        {
            throw new OrleansConfigurationException($"JobsOptions.MaximumStoreValueBytes must be 16 bytes–16 MiB, not {value.MaximumStoreValueBytes}.");
        }

        if (value.MaximumStoreKeys is < 1 or > 100_000)
        {
            throw new OrleansConfigurationException($"JobsOptions.MaximumStoreKeys must be 1–100000, not {value.MaximumStoreKeys}.");
        }

        if (value.ActivityLimit is < 1 or > 10_000)
        {
            throw new OrleansConfigurationException($"JobsOptions.ActivityLimit must be 1–10000, not {value.ActivityLimit}.");
        }

        if (value.BackfillLimit is < 1 or > 100_000)
        {
            throw new OrleansConfigurationException($"JobsOptions.BackfillLimit must be 1–100000, not {value.BackfillLimit}.");
        }

        if (value.MaximumMissedFiresListed is < 0 or > 10_000)
        {
            throw new OrleansConfigurationException($"JobsOptions.MaximumMissedFiresListed must be 0–10000, not {value.MaximumMissedFiresListed}.");
        }
    }
}
