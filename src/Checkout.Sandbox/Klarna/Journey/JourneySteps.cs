using System.Text.RegularExpressions;
using Checkout.Sandbox.Klarna.PaymentRequests;

namespace Checkout.Sandbox.Klarna.Journey;

/// <summary>The shopper's progress through email, code and approval, kept on the record so steps cannot be skipped.</summary>
internal sealed partial class JourneySteps(PaymentRequestLifecycle lifecycle)
{
    public const string FailingCode = "999999";

    public PaymentRequestRecord? Find(Guid id) => lifecycle.Find(id);

    public JourneySnapshot? Open(Guid id)
    {
        if (lifecycle.Find(id) is not { } record)
        {
            return null;
        }

        lock (record)
        {
            lifecycle.Open(record);
            return JourneySnapshot.Of(record);
        }
    }

    public (JourneySnapshot Snapshot, string? Error) EnterEmail(PaymentRequestRecord record, string? email)
    {
        lock (record)
        {
            lifecycle.Open(record);
            var valid = email is { Length: > 2 and <= 254 } && email.Contains('@', StringComparison.Ordinal);
            if (valid && !PaymentRequestState.IsFinal(record.State))
            {
                record.JourneyEmail = email!.Trim();
                record.JourneyCodeVerified = false;
            }

            return (JourneySnapshot.Of(record), valid ? null : "Enter a valid email address.");
        }
    }

    public (JourneySnapshot Snapshot, string? Error) VerifyCode(PaymentRequestRecord record, string? code)
    {
        lock (record)
        {
            lifecycle.Open(record);
            if (PaymentRequestState.IsFinal(record.State) || record.JourneyEmail is null)
            {
                return (JourneySnapshot.Of(record), null);
            }

            var valid = code is not null && SixDigits().IsMatch(code) && code != FailingCode;
            if (valid)
            {
                record.JourneyCodeVerified = true;
            }

            return (JourneySnapshot.Of(record), valid ? null : "That code is not right. Enter the 6-digit code we sent you.");
        }
    }

    public (JourneySnapshot Snapshot, string? Error) Approve(PaymentRequestRecord record)
    {
        lock (record)
        {
            lifecycle.Open(record);
            if (!PaymentRequestState.IsFinal(record.State))
            {
                if (record.JourneyEmail is null || !record.JourneyCodeVerified)
                {
                    return (JourneySnapshot.Of(record), "Confirm your email and code before approving.");
                }

                lifecycle.Approve(record, record.JourneyEmail);
            }

            return (JourneySnapshot.Of(record), null);
        }
    }

    public JourneySnapshot Abort(PaymentRequestRecord record)
    {
        lock (record)
        {
            lifecycle.Cancel(record, byShopper: true);
            return JourneySnapshot.Of(record);
        }
    }

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex SixDigits();
}
