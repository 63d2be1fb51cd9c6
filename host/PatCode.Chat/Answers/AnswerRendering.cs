namespace PatCode.Chat.Answers;

/// <summary>How answers are shown on a terminal (<c>chat.render</c>, <c>/set render</c>). Redirected output is always plain.</summary>
public enum AnswerRendering
{
    /// <summary>Headings, emphasis, lists, quotes, links, tables and framed code, rendered as the answer streams.</summary>
    Markdown,

    /// <summary>The model's text exactly as sent (control sequences removed).</summary>
    Plain,
}
