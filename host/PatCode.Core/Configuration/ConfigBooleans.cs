namespace PatCode.Core.Configuration;

/// <summary>Reads the spellings of true and false that environment variables use (true/false, 1/0, yes/no…).</summary>
public static class ConfigBooleans
{
    public static bool TryParse(string value, out bool result)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "1" or "true" or "yes" or "on":
                result = true;
                return true;
            case "0" or "false" or "no" or "off":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }
}
