using PatCode.Telemetry.Redaction;

namespace PatCode.Telemetry.Tests.Redaction;

public sealed class SecretRedactorTests
{
    [TestCase("key sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234", "AbCdEfGhIjKlMnOpQrStUvWx1234")]
    [TestCase("OPENAI_KEY sk-AbCdEfGhIjKlMnOpQrStUv", "sk-AbCdEfGhIjKlMnOpQrStUv")]
    [TestCase("token ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")]
    [TestCase("github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "11ABCDEFG0123456789_abcdefghijklmnop")]
    [TestCase("aws AKIAIOSFODNN7EXAMPLE here", "AKIAIOSFODNN7EXAMPLE")]
    [TestCase("slack xoxb-1234567890-abcdefghij", "xoxb-1234567890-abcdefghij")]
    [TestCase("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def-ghi_jklmnop", "eyJhbGciOiJIUzI1NiJ9")]
    [TestCase("Authorization: Basic dXNlcjpodW50ZXIy", "dXNlcjpodW50ZXIy")]
    [TestCase("postgres://admin:hunter2secret@db.local:5432/app", "hunter2secret")]
    [TestCase("password=hunter2", "hunter2")]
    [TestCase("db_password: 'correct horse battery'", "correct horse battery")]
    [TestCase("{\"api_key\": \"abc123def456\"}", "abc123def456")]
    [TestCase("export GITHUB_TOKEN=abcdef123456", "abcdef123456")]
    [TestCase("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG", "wJalrXUtnFEMI/K7MDENG")]
    [TestCase("https://example.com/cb?client_secret=s3cr3tv4lue&x=1", "s3cr3tv4lue")]
    public void Redact_MasksTheSecret(string text, string secret)
    {
        var redacted = SecretRedactor.Redact(text);

        Assert.That(redacted, Does.Not.Contain(secret));
        Assert.That(redacted, Does.Contain("[REDACTED"));
    }

    [Test]
    public void Redact_MasksAPemPrivateKeyBlockWhole()
    {
        var text = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7abc\nQWERTY123\n-----END RSA PRIVATE KEY-----\nafter";

        var redacted = SecretRedactor.Redact(text);

        Assert.That(redacted, Is.EqualTo("before\n[REDACTED PRIVATE KEY]\nafter"));
    }

    [TestCase("patcode.chat.tokens=512")]
    [TestCase("max_tokens: 4096")]
    [TestCase("The bearer of good news arrived")]
    [TestCase("see https://example.com/docs/page")]
    [TestCase("Basic usage: patcode chat")]
    [TestCase("the password prompt was shown")]
    public void Redact_LeavesOrdinaryTextAlone(string text) =>
        Assert.That(SecretRedactor.Redact(text), Is.EqualTo(text));

    [Test]
    public void Redact_KeepsJsonValid()
    {
        var json = "{\"password\": \"hunter2\", \"n\": 1}";

        var redacted = SecretRedactor.Redact(json);

        Assert.That(redacted, Is.EqualTo("{\"password\": \"[REDACTED]\", \"n\": 1}"));
        Assert.That(() => System.Text.Json.JsonDocument.Parse(redacted).Dispose(), Throws.Nothing);
    }

    [TestCase("api_key", "anything at all", "[REDACTED]")]
    [TestCase("X-Api-Key", "v", "[REDACTED]")]
    [TestCase("password", "", "")]
    [TestCase("files", "42", "42")]
    [TestCase("note", "uses sk-AbCdEfGhIjKlMnOpQrStUv", "uses [REDACTED]")]
    public void RedactValue_MasksByNameOrContent(string name, string value, string expected) =>
        Assert.That(SecretRedactor.RedactValue(name, value), Is.EqualTo(expected));
}
