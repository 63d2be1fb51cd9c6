namespace PatCode.Plugins.CodeExplainer;

/// <summary>The language the user asked in, so the model can be told to answer in it.</summary>
internal enum RequestLanguage
{
    English,
    Spanish,
}
