//! Publishing and withdrawing encryption keys.

use super::*;

#[test]
fn publishing_a_key_holds_a_deposit_once() {
	run(|| {
		publish(CLINICIAN);
		assert_eq!(EncryptionKeys::<Test>::get(CLINICIAN).map(|k| k.key), Some([21; 32]));
		assert_eq!(
			last_event(),
			event(Event::EncryptionKeySet { account: CLINICIAN, public_key: [21; 32] })
		);
		assert_eq!(held(CLINICIAN), key_deposit());

		// Replacing the key keeps the one deposit.
		assert_ok!(RecordsPallet::set_encryption_key(RuntimeOrigin::signed(CLINICIAN), [5; 32]));
		assert_eq!(EncryptionKeys::<Test>::get(CLINICIAN).map(|k| k.key), Some([5; 32]));
		assert_eq!(held(CLINICIAN), key_deposit());
	});
}

#[test]
fn an_all_zero_key_is_refused() {
	run(|| {
		assert_noop!(
			RecordsPallet::set_encryption_key(RuntimeOrigin::signed(CLINICIAN), [0; 32]),
			Error::<Test>::InvalidEncryptionKey
		);
	});
}

#[test]
fn a_key_needs_its_deposit() {
	run(|| {
		assert!(RecordsPallet::set_encryption_key(RuntimeOrigin::signed(POOR_PATIENT), [1; 32])
			.is_err());
		assert!(!EncryptionKeys::<Test>::contains_key(POOR_PATIENT));
	});
}

#[test]
fn removing_a_key_returns_its_deposit() {
	run(|| {
		publish(CLINICIAN);
		assert_ok!(RecordsPallet::remove_encryption_key(RuntimeOrigin::signed(CLINICIAN)));
		assert!(!EncryptionKeys::<Test>::contains_key(CLINICIAN));
		assert_eq!(held(CLINICIAN), 0);
		assert_eq!(last_event(), event(Event::EncryptionKeyRemoved { account: CLINICIAN }));
		assert_noop!(
			RecordsPallet::remove_encryption_key(RuntimeOrigin::signed(CLINICIAN)),
			Error::<Test>::NoEncryptionKey
		);
	});
}

#[test]
fn unsigned_origins_are_refused() {
	run(|| {
		assert_noop!(
			RecordsPallet::set_encryption_key(RuntimeOrigin::none(), [1; 32]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			RecordsPallet::erase_record(RuntimeOrigin::root(), 0),
			DispatchError::BadOrigin
		);
	});
}
