use super::*;

#[test]
fn removes_the_grant_and_returns_the_deposit() {
	run(|| {
		let kept = grant_lab_read(PATIENT, LAB);
		let id = grant_lab_read(PATIENT, HOSPITAL);
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(
			last_event(),
			Event::ConsentRevoked { consent_id: id, patient: PATIENT, grantee: HOSPITAL }.into()
		);
		assert!(!Consents::<Test>::contains_key(id));
		assert!(!ConsentsByGrantee::<Test>::contains_key(HOSPITAL, id));
		assert_eq!(ConsentsByPatient::<Test>::get(PATIENT).into_inner(), vec![kept]);
		assert_eq!(
			RecentlyEnded::<Test>::get(PATIENT).into_inner(),
			vec![EndedConsent { consent_id: id, grantee: HOSPITAL, reason: EndReason::Revoked }]
		);
		assert_eq!(held(PATIENT), consent_deposit());

		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), kept));
		// No empty index is left behind.
		assert!(!ConsentsByPatient::<Test>::contains_key(PATIENT));
		assert_eq!(held(PATIENT), 0);
		assert_eq!(Balances::free_balance(PATIENT), BALANCE);
	});
}

#[test]
fn takes_effect_at_once() {
	run(|| {
		let id = grant_lab_read(PATIENT, CLINICIAN);
		assert_eq!(read_lab(CLINICIAN), via_consent(id));
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(read_lab(CLINICIAN), denied(DenialReason::Revoked));
	});
}

#[test]
fn is_for_the_patient_only() {
	run(|| {
		let id = grant_lab_read(PATIENT, HOSPITAL);
		assert_noop!(
			ConsentPallet::revoke(RuntimeOrigin::signed(HOSPITAL), id),
			Error::<Test>::NotPatient
		);
		assert_noop!(
			ConsentPallet::revoke(RuntimeOrigin::signed(OTHER_PATIENT), id),
			Error::<Test>::NotPatient
		);
		assert_noop!(
			ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), id + 1),
			Error::<Test>::NotFound
		);
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::NotFound
		);
	});
}

#[test]
fn remembers_only_the_latest_ended_grants() {
	run(|| {
		let ids: Vec<_> = (0..3).map(|_| grant_lab_read(PATIENT, HOSPITAL)).collect();
		for id in &ids {
			assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), *id));
		}
		let remembered: Vec<_> =
			RecentlyEnded::<Test>::get(PATIENT).iter().map(|e| e.consent_id).collect();
		assert_eq!(remembered.len() as u32, MAX_RECENTLY_ENDED);
		assert_eq!(remembered, ids[1..].to_vec());
	});
}
