use super::*;

#[test]
fn stores_the_grant_indexes_it_and_holds_a_deposit() {
	run(|| {
		let categories = CategoryScope {
			wildcard: false,
			// Unsorted and repeated: stored sorted, each once.
			categories: vec![DataCategory::Imaging, DataCategory::LabResult, DataCategory::Imaging]
				.try_into()
				.unwrap(),
		};
		assert_ok!(ConsentPallet::grant(
			RuntimeOrigin::signed(PATIENT),
			HOSPITAL,
			categories,
			READ_WRITE,
			Purpose::Treatment,
			Some(NOW + 10),
			Some(NOW + 1_000)
		));
		assert_eq!(
			last_event(),
			Event::ConsentGranted {
				consent_id: 0,
				patient: PATIENT,
				grantee: HOSPITAL,
				purpose: Purpose::Treatment,
				expires_at: Some(NOW + 1_000),
			}
			.into()
		);
		let stored = Consents::<Test>::get(0).unwrap();
		assert_eq!(
			stored,
			crate::Consent {
				patient: PATIENT,
				grantee: HOSPITAL,
				categories: named(&[DataCategory::LabResult, DataCategory::Imaging]),
				actions: READ_WRITE,
				purpose: Purpose::Treatment,
				starts_at: Some(NOW + 10),
				expires_at: Some(NOW + 1_000),
				granted_at: NOW,
				// The ticket is opaque; its amount is checked below.
				deposit: stored.deposit.clone(),
			}
		);
		assert_eq!(NextConsentId::<Test>::get(), 1);
		assert_eq!(ConsentsByPatient::<Test>::get(PATIENT).into_inner(), vec![0]);
		assert!(ConsentsByGrantee::<Test>::contains_key(HOSPITAL, 0));
		assert!(consent_deposit() > 0);
		assert_eq!(ticket(0), consent_deposit());
		assert_eq!(held(PATIENT), consent_deposit());
		assert_eq!(Balances::free_balance(PATIENT), BALANCE - consent_deposit());
	});
}

#[test]
fn gives_increasing_ids() {
	run(|| {
		assert_eq!(grant_lab_read(PATIENT, HOSPITAL), 0);
		assert_eq!(grant_lab_read(PATIENT, HOSPITAL), 1);
		assert_eq!(grant_lab_read(OTHER_PATIENT, HOSPITAL), 2);
		assert_eq!(ConsentsByPatient::<Test>::get(PATIENT).into_inner(), vec![0, 1]);
		assert_eq!(held(PATIENT), 2 * consent_deposit());
	});
}

#[test]
fn refuses_bad_grants_with_named_errors() {
	run(|| {
		let attempt = |grantee, scope, actions, starts_at, expires_at| {
			ConsentPallet::grant(
				RuntimeOrigin::signed(PATIENT),
				grantee,
				scope,
				actions,
				Purpose::Treatment,
				starts_at,
				expires_at,
			)
		};
		assert_noop!(attempt(PATIENT, wildcard(), READ, None, None), Error::<Test>::SelfGrant);
		assert_noop!(attempt(HOSPITAL, named(&[]), READ, None, None), Error::<Test>::NoCategories);
		assert_noop!(
			attempt(HOSPITAL, wildcard(), Actions { read: false, write: false }, None, None),
			Error::<Test>::NoActions
		);
		assert_noop!(
			attempt(HOSPITAL, wildcard(), READ, None, Some(NOW)),
			Error::<Test>::AlreadyExpired
		);
		assert_noop!(
			attempt(HOSPITAL, wildcard(), READ, None, Some(NOW - 1)),
			Error::<Test>::AlreadyExpired
		);
		assert_noop!(
			attempt(HOSPITAL, wildcard(), READ, Some(NOW + 5), Some(NOW + 5)),
			Error::<Test>::InvalidPeriod
		);
		assert_noop!(
			attempt(HOSPITAL, wildcard(), READ, Some(NOW + 6), Some(NOW + 5)),
			Error::<Test>::InvalidPeriod
		);
		assert_noop!(
			ConsentPallet::grant(
				RuntimeOrigin::root(),
				HOSPITAL,
				wildcard(),
				READ,
				Purpose::Treatment,
				None,
				None
			),
			DispatchError::BadOrigin
		);
		// One millisecond of validity is enough.
		assert_ok!(attempt(HOSPITAL, wildcard(), READ, None, Some(NOW + 1)));
	});
}

#[test]
fn refuses_more_than_the_bound() {
	run(|| {
		for _ in 0..MAX_CONSENTS {
			grant_lab_read(PATIENT, HOSPITAL);
		}
		assert_noop!(
			ConsentPallet::grant(
				RuntimeOrigin::signed(PATIENT),
				HOSPITAL,
				wildcard(),
				READ,
				Purpose::Treatment,
				None,
				None
			),
			Error::<Test>::TooManyConsents
		);
		// Another patient is not affected.
		grant_lab_read(OTHER_PATIENT, HOSPITAL);
	});
}

#[test]
fn needs_funds_for_the_deposit() {
	run(|| {
		assert!(ConsentPallet::grant(
			RuntimeOrigin::signed(POOR_PATIENT),
			HOSPITAL,
			wildcard(),
			READ,
			Purpose::Treatment,
			None,
			None
		)
		.is_err());
		assert!(ConsentsByPatient::<Test>::get(POOR_PATIENT).is_empty());
		assert_eq!(NextConsentId::<Test>::get(), 0);
	});
}
