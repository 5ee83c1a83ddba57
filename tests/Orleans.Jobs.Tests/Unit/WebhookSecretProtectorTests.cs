using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Orleans.Jobs.Webhooks;

namespace Orleans.Jobs.Tests.Unit;

public sealed class WebhookSecretProtectorTests
{
    private static readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static WebhookSecretProtector Protector(string? key) => new(Options.Create(new WebhookOptions { SecretKey = key }));

    [Fact]
    public void Protect_ThenUnprotect_GivesTheSecretBack_AndTheStoredFormHidesIt()
    {
        var protector = Protector(_key);

        var stored = protector.Protect("my-webhook-secret-value");
        var again = protector.Protect("my-webhook-secret-value");

        Assert.Equal("my-webhook-secret-value", protector.Unprotect(stored));
        Assert.DoesNotContain("secret", stored, StringComparison.Ordinal);
        Assert.NotEqual(stored, again);
        Assert.StartsWith("v1.", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_WithAnotherKey_SaysWhichKeysDiffer()
    {
        var stored = Protector(_key).Protect("my-webhook-secret-value");

        var error = Assert.Throws<CryptographicException>(() => Protector(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Unprotect(stored));

        Assert.Contains("encrypted with key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_OfTamperedData_Fails()
    {
        var protector = Protector(_key);
        var stored = protector.Protect("my-webhook-secret-value");
        var parts = stored.Split('.');
        var bytes = Convert.FromBase64String(parts[2]);
        bytes[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect($"{parts[0]}.{parts[1]}.{Convert.ToBase64String(bytes)}"));
    }

    [Fact]
    public void Protect_WithoutAKey_ExplainsWhichSettingIsMissing()
    {
        var error = Assert.Throws<JobsException>(() => Protector(null).Protect("my-webhook-secret-value"));

        Assert.Contains("Webhooks:SecretKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Validator_RefusesAKeyThatIsNot32Bytes(string key)
    {
        var validator = new WebhookOptionsValidator(Options.Create(new WebhookOptions { SecretKey = key }));

        var error = Assert.Throws<Orleans.Runtime.OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains("SecretKey", error.Message, StringComparison.Ordinal);
    }
}
