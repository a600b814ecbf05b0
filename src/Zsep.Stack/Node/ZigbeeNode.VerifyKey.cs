using System;
using Zsep.Stack.Aps;
using Zsep.Stack.Runtime;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// Verify-Key / Confirm-Key (Zigbee PRO 05-3474-21 4.4.10.7, 4.4.10.8, 4.6.3.8): a device proves to the Trust
    /// Center that it holds their link key - the keyed hash HMAC-MMO(key, 0x03), never the key - in an APS command with
    /// NWK security; the Trust Center checks it against its own copy and answers Confirm-Key APS-secured with that key
    /// (SUCCESS, or SECURITY_FAIL for a wrong hash). Used after key establishment, when the key is new to both.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        private Action<ApsStatus?>? _verifyCompleted;
        private IScheduledItem? _verifyTimer;

        /// <summary>At the Trust Center: a device asked to verify its link key; the status it was answered.</summary>
        public event Action<Eui64, ApsStatus>? TrustCenterKeyVerified;

        /// <summary>
        /// A device (not the coordinator) verifies its Trust Center link key: <paramref name="completed"/> gets the
        /// Confirm-Key status, or null when no answer came within <paramref name="timeout"/>.
        /// </summary>
        public void VerifyTrustCenterLinkKey(TimeSpan timeout, Action<ApsStatus?> completed)
        {
            if (Role == NodeRole.Coordinator || State != NodeState.Joined)
            {
                throw new InvalidOperationException("Only a joined device verifies its Trust Center link key.");
            }

            _verifyTimer?.Cancel();
            _verifyCompleted = completed ?? throw new ArgumentNullException(nameof(completed));
            ZigbeeKey key = _options.LinkKey ?? ZigbeeKey.DefaultTrustCenterLinkKey;
            SendApsCommand(NwkAddress.Coordinator, new ApsVerifyKeyCommand
            {
                KeyType = ApsKeyType.TrustCenterLinkKey,
                SourceAddress = Ieee,
                InitiatorVerifyKeyHashValue = ZigbeeKeyDerivation.VerifyKeyHash(key),
            });
            _verifyTimer = _scheduler.Schedule(timeout, () => FinishVerify(null));
        }

        private void FinishVerify(ApsStatus? status)
        {
            Action<ApsStatus?>? done = _verifyCompleted;
            _verifyCompleted = null;
            _verifyTimer?.Cancel();
            _verifyTimer = null;
            done?.Invoke(status);
        }

        /// <summary>At the Trust Center: checks the hash against the device's link key and answers APS-secured with it.</summary>
        private void TrustCenterOnVerifyKey(NwkAddress source, ApsVerifyKeyCommand verify)
        {
            ZigbeeKey? key = LinkKeyOf(verify.SourceAddress);
            if (key is null || verify.KeyType != ApsKeyType.TrustCenterLinkKey)
            {
                Drop("VerifyKeyUnknownDevice");
                return;
            }

            byte[] expected = ZigbeeKeyDerivation.VerifyKeyHash(key);
            ApsStatus status = FixedTimeEquals(expected, verify.InitiatorVerifyKeyHashValue) ? ApsStatus.SUCCESS : ApsStatus.SECURITY_FAIL;
            LearnAddress(source, verify.SourceAddress);
            var confirm = new ApsConfirmKeyCommand { Status = status, KeyType = ApsKeyType.TrustCenterLinkKey, DestinationAddress = verify.SourceAddress };
            var header = new ApsHeader { FrameType = ApsFrameType.Command, DeliveryMode = ApsDeliveryMode.Unicast, Counter = ++_apsCounter };
            NwkSend(source, Nwk.NwkFrameType.Data, SecureApsData(header, confirm.ToArray(), key));
            TrustCenterKeyVerified?.Invoke(verify.SourceAddress, status);
        }

        /// <summary>At the device: the Trust Center's answer, already unsecured with the link key.</summary>
        private void OnConfirmKey(ApsConfirmKeyCommand confirm)
        {
            if (confirm.DestinationAddress != Ieee || _verifyCompleted is null)
            {
                Drop("ConfirmKeyUnexpected");
                return;
            }

            FinishVerify(confirm.Status);
        }

        private static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }
    }
}
