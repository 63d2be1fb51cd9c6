using PatCode.Core.Security;

namespace PatCode.Telemetry.Logging;

/// <summary>Stands in for a logged exception whose text held a secret: same type name and stack, secret masked.</summary>
public sealed class RedactedException : Exception
{
    private readonly string _text;

    public RedactedException(Exception original)
        : base(SecretRedactor.Redact(original?.Message))
    {
        ArgumentNullException.ThrowIfNull(original);
        _text = SecretRedactor.Redact(original.ToString());
    }

    public RedactedException()
        : this(new InvalidOperationException())
    {
    }

    public RedactedException(string message)
        : this(new InvalidOperationException(message))
    {
    }

    public RedactedException(string message, Exception innerException)
        : this(new InvalidOperationException(message, innerException))
    {
    }

    public override string ToString() => _text;
}
