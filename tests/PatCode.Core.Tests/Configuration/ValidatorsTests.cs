using PatCode.Core.Configuration;

namespace PatCode.Core.Tests.Configuration;

public sealed class ValidatorsTests
{
    [Test]
    public void AbsolutePaths_NamesTheFirstRelativeEntry()
    {
        var separator = Path.PathSeparator;

        Assert.That(Validators.AbsolutePaths($"/home/me/dev{separator}/opt/plugins"), Is.Null);
        Assert.That(Validators.AbsolutePaths(""), Is.Null);
        Assert.That(Validators.AbsolutePaths($"/home/me/dev{separator}plugins"), Does.StartWith("'plugins' is a relative path; give the folder as an absolute path"));
        Assert.That(Validators.AbsolutePaths("./plugins"), Does.StartWith("'./plugins' is a relative path"));
        Assert.That(Validators.AbsolutePaths("~/dev/plugins"), Does.StartWith("'~/dev/plugins' is a relative path"));
    }

    [Test]
    public void ARelativeTrustedDir_IsAConfigurationErrorNamingTheKeyAndTheEntry()
    {
        var error = Assert.Throws<ConfigurationException>(() => PatCodeConfiguration.Load(
            CoreConfigKeys.All, "", new Dictionary<string, string?> { ["PATCODE_TRUSTED_PLUGINS_DIRS"] = "plugins" }, new Dictionary<string, string>()));

        Assert.That(error!.Message, Does.StartWith("Invalid value for 'plugins.trustedDirs' from env PATCODE_TRUSTED_PLUGINS_DIRS: 'plugins' is a relative path"));
    }
}
