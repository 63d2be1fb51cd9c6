namespace PatCode.Core.Security;

/// <summary>Where a secret sits in a text: only the secret part (the value of <c>password=…</c>, not the name).</summary>
/// <param name="Start">Index of the first character.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="IsPrivateKey">A whole PEM or PGP private key block, masked as one.</param>
public readonly record struct SecretSpan(int Start, int Length, bool IsPrivateKey)
{
    public int End => Start + Length;
}
