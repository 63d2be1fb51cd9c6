using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PatCode.Telemetry.Chat;

namespace PatCode.Telemetry;

/// <summary>Adds PatCode's model-call telemetry to a Microsoft.Extensions.AI chat pipeline.</summary>
public static class PatCodeTelemetryChatClientBuilderExtensions
{
    /// <summary>
    /// Adds, outermost first: the patcode.model.call span; then Microsoft.Extensions.AI's OpenTelemetry client
    /// on source/meter <see cref="TelemetryNames.GenAiSourceName"/>, which emits the GenAI semantic conventions
    /// (gen_ai.client.operation.duration, gen_ai.client.token.usage, gen_ai.client.operation.time_to_first_chunk
    /// and the "chat &lt;model&gt;" span with the token usage).
    /// </summary>
    /// <param name="builder">The chat pipeline.</param>
    /// <param name="loggerFactory">For the OpenTelemetry client's own logging; optional.</param>
    /// <param name="captureMessageContent">
    /// Whether the "chat &lt;model&gt;" span carries the prompt and the answer (gen_ai.input.messages,
    /// gen_ai.output.messages, gen_ai.system_instructions). PatCode decides this from telemetry.captureContent
    /// (<see cref="TelemetryService.CapturesMessageContent"/>); Microsoft.Extensions.AI's own default, taken from
    /// OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT, is overridden either way. Captured content is
    /// redacted like every other span attribute before it is kept or exported.
    /// </param>
    public static ChatClientBuilder UsePatCodeTelemetry(this ChatClientBuilder builder, ILoggerFactory? loggerFactory = null, bool captureMessageContent = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Use(inner => new ModelCallTelemetryChatClient(inner))
            .UseOpenTelemetry(loggerFactory, TelemetryNames.GenAiSourceName, client => client.EnableSensitiveData = captureMessageContent);
    }
}
