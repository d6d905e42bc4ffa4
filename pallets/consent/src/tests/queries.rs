use super::*;

#[test]
fn grants_by_patient_come_a_page_at_a_time_oldest_first() {
	run(|| {
		let ids: Vec<_> = (0..MAX_CONSENTS).map(|_| grant_lab_read(PATIENT, HOSPITAL)).collect();
		grant_lab_read(OTHER_PATIENT, HOSPITAL);

		let first = ConsentPallet::consents_by_patient(&PATIENT, None, 3);
		assert_eq!(first.items.iter().map(|g| g.id).collect::<Vec<_>>(), ids[..3].to_vec());
		assert_eq!(first.next, Some(ids[2]));
		let second = ConsentPallet::consents_by_patient(&PATIENT, first.next, 3);
		assert_eq!(second.items.iter().map(|g| g.id).collect::<Vec<_>>(), ids[3..].to_vec());
		assert_eq!(second.next, None);

		let grant = &first.items[0];
		assert_eq!(grant.patient, PATIENT);
		assert_eq!(grant.grantee, HOSPITAL);
		assert_eq!(grant.categories, named(&[DataCategory::LabResult]));
		assert_eq!(grant.granted_at, NOW);

		let empty = ConsentPallet::consents_by_patient(&OUTSIDER, None, 10);
		assert!(empty.items.is_empty());
		assert_eq!(empty.next, None);
		// A limit of 0 reads one item, so that a page always moves the cursor on.
		let least = ConsentPallet::consents_by_patient(&PATIENT, None, 0);
		assert_eq!(least.items.len(), 1);
		assert_eq!(least.next, Some(least.items[0].id));
	});
}

#[test]
fn grants_by_grantee_come_a_page_at_a_time_each_once() {
	run(|| {
		let mut expected = Vec::new();
		for patient in [PATIENT, OTHER_PATIENT] {
			for _ in 0..3 {
				expected.push(grant_lab_read(patient, HOSPITAL));
			}
		}
		grant_lab_read(PATIENT, LAB);

		let mut seen = Vec::new();
		let mut cursor = None;
		loop {
			let page = ConsentPallet::consents_by_grantee(&HOSPITAL, cursor, 4);
			assert!(page.items.len() <= 4);
			assert!(page.items.iter().all(|g| g.grantee == HOSPITAL));
			seen.extend(page.items.iter().map(|g| g.id));
			match page.next {
				Some(next) => cursor = Some(next),
				None => break,
			}
		}
		seen.sort();
		assert_eq!(seen, expected);
	});
}

#[test]
fn a_page_cursor_survives_the_removal_of_its_grant() {
	run(|| {
		for _ in 0..4 {
			grant_lab_read(PATIENT, HOSPITAL);
		}
		let first = ConsentPallet::consents_by_grantee(&HOSPITAL, None, 2);
		let cursor = first.next.unwrap();
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), cursor));
		let rest = ConsentPallet::consents_by_grantee(&HOSPITAL, Some(cursor), 10);
		assert_eq!(rest.items.len(), 2);
		assert_eq!(rest.next, None);
	});
}
