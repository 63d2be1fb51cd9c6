using PatCode.Core.Security;

namespace PatCode.Core.Tests.Security;

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
    [TestCase("aws ASIAIOSFODNN7EXAMPLE temp", "ASIAIOSFODNN7EXAMPLE")]
    [TestCase("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [TestCase("oauth gho_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "gho_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")]
    [TestCase("app ghs_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "ghs_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")]
    [TestCase("user ghu_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "ghu_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")]
    [TestCase("gitlab glpat-AbCdEfGhIjKlMnOpQrSt", "glpat-AbCdEfGhIjKlMnOpQrSt")]
    [TestCase("slack xoxp-1234567890-abcdefghij and xoxe-1-abcdefghijklm", "xoxp-1234567890-abcdefghij")]
    [TestCase("slack refresh xoxe-1-abcdefghijklm", "xoxe-1-abcdefghijklm")]
    [TestCase("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    [TestCase("stripe rk_live_4eC39HqLyjWDarjtT1zdp7dc", "rk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    [TestCase("anthropic sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx", "AbCdEfGhIjKlMnOpQrStUvWx")]
    [TestCase("hf hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567")]
    [TestCase("npm npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")]
    [TestCase("pypi pypi-AgEIcHlwaS5vcmcCJDEyMzQ1Njc4LTEyMzQtMTIzNC0xMjM0LTEyMzQ1Njc4OTBhYgACJXsicGVybWlzc2lvbnMiOiAidXNlciJ9", "pypi-AgEIcHlwaS5vcmcCJDEyMzQ1Njc4")]
    [TestCase("google AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890abcdefghijklmnopqrstuv")]
    [TestCase("google oauth ya29.a0AfH6SMBx1234567890abcdefghij", "ya29.a0AfH6SMBx1234567890abcdefghij")]
    [TestCase("DefaultEndpointsProtocol=https;AccountName=x;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq")]
    [TestCase("SharedAccessSignature sv=2021&sig=AbCdEfGhIjKlMnOpQrStUvWx%3D", "AbCdEfGhIjKlMnOpQrStUvWx")]
    [TestCase("https://acct.blob.core.windows.net/c?sv=2021-08-06&sig=AbCdEfGhIjKlMnOpQrStUvWx%2B12", "AbCdEfGhIjKlMnOpQrStUvWx")]
    [TestCase("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
    [TestCase("authorization: BEARER abcdefgh12345678", "abcdefgh12345678")]
    [TestCase("curl -H 'authorization: basic dXNlcjpodW50ZXIy'", "dXNlcjpodW50ZXIy")]
    [TestCase("proxy uses BASIC YWRtaW46czNjcjN0", "YWRtaW46czNjcjN0")]
    [TestCase("DB_PASSWORD=hunter2", "hunter2")]
    [TestCase("SERVICE_TOKEN=abc.def", "abc.def")]
    [TestCase("APP_SECRET=topsecretvalue", "topsecretvalue")]
    [TestCase("MY_API_KEY=xyz987", "xyz987")]
    [TestCase("database:\n  password: hunter2\n", "hunter2")]
    [TestCase("{\"api_key\":\"abc123def456\"}", "abc123def456")]
    [TestCase("OLLAMA_HOST=http://alice:s3cret@proxy.local:11434", "s3cret")]
    public void Redact_MasksTheSecret(string text, string secret)
    {
        var redacted = SecretRedactor.Redact(text);

        Assert.That(redacted, Does.Not.Contain(secret));
        Assert.That(redacted, Does.Contain("[REDACTED"));
    }

    [Test]
    public void Redact_MasksAPgpPrivateKeyBlockWhole()
    {
        var text = "key:\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF0abc\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----\ndone";

        Assert.That(SecretRedactor.Redact(text), Is.EqualTo("key:\n[REDACTED PRIVATE KEY]\ndone"));
    }

    [Test]
    public void Replace_HandsEachSecretToTheCaller()
    {
        var seen = new List<string>();

        var text = SecretRedactor.Replace("a ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 b password=hunter2", (secret, _) =>
        {
            seen.Add(secret);
            return "<s>";
        });

        Assert.That(text, Is.EqualTo("a <s> b password=<s>"));
        Assert.That(seen, Is.EqualTo(new[] { "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "hunter2" }));
    }

    [Test]
    public void Find_MergesOverlappingFinds()
    {
        // The Authorization header and the Basic pattern both find the same token: it is masked once.
        Assert.That(SecretRedactor.Redact("Authorization: Basic dXNlcjpodW50ZXIy"), Is.EqualTo("Authorization: Basic [REDACTED]"));
    }

    [Test]
    public void Redact_MasksAPemPrivateKeyBlockWhole()
    {
        var text = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7abc\nQWERTY123\n-----END RSA PRIVATE KEY-----\nafter";

        var redacted = SecretRedactor.Redact(text);

        Assert.That(redacted, Is.EqualTo("before\n[REDACTED PRIVATE KEY]\nafter"));
    }

    // Every word of the named-assignment pattern, in any case: Find only runs that pattern on texts holding one of a
    // few shorter words, and these hold that shortcut to the same case rules (the Kelvin sign is a 'k' to them).
    [TestCase("password")]
    [TestCase("PASSWD")]
    [TestCase("pwd")]
    [TestCase("Passphrase")]
    [TestCase("secret")]
    [TestCase("tOkEn")]
    [TestCase("api_key")]
    [TestCase("API-KEY")]
    [TestCase("apikey")]
    [TestCase("access_key")]
    [TestCase("private-key")]
    [TestCase("authkey")]
    [TestCase("client_secret")]
    [TestCase("credential")]
    [TestCase("Credentials")]
    [TestCase("API_\u212AEY")]
    public void Redact_MasksAValueAssignedToAnySecretWord(string name)
    {
        var text = $"some prose first, then {System.Text.RegularExpressions.Regex.Unescape(name)}=v4lue-0f-it and more prose";

        Assert.That(SecretRedactor.Redact(text), Does.Not.Contain("v4lue-0f-it").And.Contain("[REDACTED]"));
    }

    [TestCase("patcode.chat.tokens=512")]
    [TestCase("max_tokens: 4096")]
    [TestCase("The bearer of good news arrived")]
    [TestCase("see https://example.com/docs/page")]
    [TestCase("Basic usage: patcode chat")]
    [TestCase("the password prompt was shown")]
    [TestCase("Basic understanding of tokens is enough")]
    [TestCase("The skeleton key: sk-short")]
    [TestCase("a task_list of 12 items")]
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

    [TestCase("http://alice:s3cret@ollama.internal:11434", "http://***@ollama.internal:11434")]
    [TestCase("alice:s3cret@ollama.internal:11434", "***@ollama.internal:11434")]
    [TestCase("https://alice:p@ss@proxy.example.com/ollama", "https://***@proxy.example.com/ollama")]
    [TestCase("https://tokenonly@collector.example.com:4318", "https://***@collector.example.com:4318")]
    [TestCase("cache.internal:6379,password=hunter2,ssl=true", "cache.internal:6379,password=***,ssl=true")]
    [TestCase("cache.internal:6379,user=default,password=p@ss", "cache.internal:6379,user=default,password=***")]
    [TestCase("http://127.0.0.1:11434", "http://127.0.0.1:11434")]
    [TestCase("cache.internal:6379", "cache.internal:6379")]
    [TestCase("", "")]
    public void MaskConnection_ShowsCredentialsAsStars_AndKeepsWhereItPoints(string value, string expected) =>
        Assert.That(SecretRedactor.MaskConnection(value), Is.EqualTo(expected));
}
