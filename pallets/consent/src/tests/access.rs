use super::*;

use pallet_organizations::SuspensionReason;

type Orgs = pallet_organizations::Pallet<Test>;

#[test]
fn a_patient_always_reaches_their_own_data() {
	run(|| {
		for category in DataCategory::ALL {
			assert_eq!(
				decide(PATIENT, category, Action::Write, Purpose::Research),
				AccessDecision::Allowed(AccessVia::Patient)
			);
		}
	});
}

#[test]
fn nobody_else_without_a_grant() {
	run(|| {
		assert_eq!(read_lab(OUTSIDER), denied(DenialReason::NoConsent));
		assert_eq!(read_lab(CLINICIAN), denied(DenialReason::NoConsent));
		// A grant from another patient, or to someone else, does not count.
		grant_lab_read(OTHER_PATIENT, OUTSIDER);
		grant_lab_read(PATIENT, RELATIVE);
		assert_eq!(read_lab(OUTSIDER), denied(DenialReason::NoConsent));
	});
}

#[test]
fn a_direct_grant_allows_exactly_what_it_says() {
	run(|| {
		let id = grant_lab_read(PATIENT, RELATIVE);
		assert_eq!(read_lab(RELATIVE), via_consent(id));
		assert_eq!(
			decide(RELATIVE, DataCategory::LabResult, Action::Write, Purpose::Treatment),
			denied(DenialReason::ActionNotCovered)
		);
		assert_eq!(
			decide(RELATIVE, DataCategory::Imaging, Action::Read, Purpose::Treatment),
			denied(DenialReason::CategoryNotCovered)
		);
		assert_eq!(
			decide(RELATIVE, DataCategory::LabResult, Action::Read, Purpose::Research),
			denied(DenialReason::PurposeMismatch)
		);
	});
}

#[test]
fn writing_does_not_imply_reading() {
	run(|| {
		let id = grant(PATIENT, RELATIVE, wildcard(), WRITE, Purpose::Treatment, None, None);
		assert_eq!(
			decide(RELATIVE, DataCategory::Summary, Action::Write, Purpose::Treatment),
			via_consent(id)
		);
		assert_eq!(
			decide(RELATIVE, DataCategory::Summary, Action::Read, Purpose::Treatment),
			denied(DenialReason::ActionNotCovered)
		);
	});
}

#[test]
fn a_wildcard_never_covers_a_sensitive_category() {
	run(|| {
		let id = grant(PATIENT, RELATIVE, wildcard(), READ, Purpose::Treatment, None, None);
		for category in DataCategory::ALL {
			let decision = decide(RELATIVE, category, Action::Read, Purpose::Treatment);
			if category.is_sensitive() {
				assert_eq!(decision, denied(DenialReason::CategoryNotCovered), "{category:?}");
			} else {
				assert_eq!(decision, via_consent(id), "{category:?}");
			}
		}
		let sensitive = DataCategory::ALL.into_iter().filter(|c| c.is_sensitive()).count();
		assert_eq!(sensitive, 4);
	});
}

#[test]
fn a_sensitive_category_is_covered_when_named() {
	run(|| {
		let scope = CategoryScope {
			wildcard: true,
			categories: vec![DataCategory::Genomic].try_into().unwrap(),
		};
		let id = grant(PATIENT, RELATIVE, scope, READ, Purpose::Treatment, None, None);
		assert_eq!(
			decide(RELATIVE, DataCategory::Genomic, Action::Read, Purpose::Treatment),
			via_consent(id)
		);
		assert_eq!(
			decide(RELATIVE, DataCategory::MentalHealth, Action::Read, Purpose::Treatment),
			denied(DenialReason::CategoryNotCovered)
		);
	});
}

#[test]
fn a_grant_to_an_organization_covers_members_whose_role_acts_for_the_purpose() {
	run(|| {
		let id = grant_lab_read(PATIENT, HOSPITAL);
		assert_eq!(read_lab(HOSPITAL), via_consent(id));
		assert_eq!(read_lab(CLINICIAN), via_consent(id));
		assert_eq!(read_lab(NURSE), via_consent(id));
		assert_eq!(read_lab(STAFF), denied(DenialReason::RoleNotPermitted));
		assert_eq!(read_lab(INVESTIGATOR), denied(DenialReason::RoleNotPermitted));
		// Another organization's member gets nothing from it.
		assert_eq!(read_lab(LAB_TECHNICIAN), denied(DenialReason::NoConsent));

		let research = grant(
			PATIENT,
			HOSPITAL,
			named(&[DataCategory::LabResult]),
			READ,
			Purpose::Research,
			None,
			None,
		);
		assert_eq!(
			decide(INVESTIGATOR, DataCategory::LabResult, Action::Read, Purpose::Research),
			via_consent(research)
		);
		let payment = grant(PATIENT, HOSPITAL, wildcard(), READ, Purpose::Payment, None, None);
		assert_eq!(
			decide(STAFF, DataCategory::Procedure, Action::Read, Purpose::Payment),
			via_consent(payment)
		);
	});
}

#[test]
fn suspension_cuts_off_an_organization_and_its_members_in_the_same_block() {
	run(|| {
		let id = grant_lab_read(PATIENT, HOSPITAL);
		assert_eq!(read_lab(CLINICIAN), via_consent(id));
		assert_ok!(Orgs::suspend(RuntimeOrigin::root(), HOSPITAL, SuspensionReason::Other));
		assert_eq!(read_lab(CLINICIAN), denied(DenialReason::OrganizationSuspended));
		assert_eq!(read_lab(NURSE), denied(DenialReason::OrganizationSuspended));
		assert_eq!(read_lab(HOSPITAL), denied(DenialReason::OrganizationSuspended));
		assert_ok!(Orgs::reinstate(RuntimeOrigin::root(), HOSPITAL));
		assert_eq!(read_lab(CLINICIAN), via_consent(id));
	});
}

#[test]
fn deregistration_never_gives_back_what_suspension_took() {
	run(|| {
		// Defect 1: once deregistered, the organization had no standing, and the grant to its
		// account allowed access again, as if it were a person's.
		let id = grant_lab_read(PATIENT, HOSPITAL);
		assert_eq!(read_lab(HOSPITAL), via_consent(id));
		assert_ok!(Orgs::suspend(RuntimeOrigin::root(), HOSPITAL, SuspensionReason::Other));
		assert_eq!(read_lab(HOSPITAL), denied(DenialReason::OrganizationSuspended));
		assert_ok!(Orgs::deregister(RuntimeOrigin::root(), HOSPITAL));
		for who in [HOSPITAL, CLINICIAN, NURSE] {
			assert_eq!(read_lab(who), denied(DenialReason::OrganizationDeregistered), "{who}");
		}
		// Its members, once reaped, are strangers to the grant.
		assert_ok!(Orgs::reap_member(RuntimeOrigin::signed(PATIENT), CLINICIAN));
		assert_eq!(read_lab(CLINICIAN), denied(DenialReason::NoConsent));
		assert_eq!(read_lab(HOSPITAL), denied(DenialReason::OrganizationDeregistered));
		// And no new grant can be made to it.
		assert_noop!(
			ConsentPallet::grant(
				RuntimeOrigin::signed(PATIENT),
				HOSPITAL,
				named(&[DataCategory::LabResult]),
				READ,
				Purpose::Treatment,
				None,
				None
			),
			Error::<Test>::GranteeDeregistered
		);
	});
}

#[test]
fn a_personal_grant_to_a_member_does_not_depend_on_the_organization() {
	run(|| {
		let id = grant_lab_read(PATIENT, CLINICIAN);
		assert_ok!(Orgs::suspend(RuntimeOrigin::root(), HOSPITAL, SuspensionReason::Other));
		assert_eq!(read_lab(CLINICIAN), via_consent(id));
	});
}

#[test]
fn leaving_the_organization_ends_what_came_from_it() {
	run(|| {
		grant_lab_read(PATIENT, HOSPITAL);
		assert_ok!(Orgs::leave(RuntimeOrigin::signed(CLINICIAN)));
		assert_eq!(read_lab(CLINICIAN), denied(DenialReason::NoConsent));
	});
}

#[test]
fn the_period_is_exact_to_the_millisecond() {
	run(|| {
		let starts_at = NOW + 100;
		let expires_at = NOW + 200;
		let id = grant(
			PATIENT,
			RELATIVE,
			named(&[DataCategory::LabResult]),
			READ,
			Purpose::Treatment,
			Some(starts_at),
			Some(expires_at),
		);
		let at = |now: Moment| {
			ConsentPallet::access_decision(
				&PATIENT,
				&RELATIVE,
				DataCategory::LabResult,
				Action::Read,
				Purpose::Treatment,
				now,
			)
		};
		assert_eq!(at(starts_at - 1), denied(DenialReason::NotYetValid));
		assert_eq!(at(starts_at), via_consent(id));
		assert_eq!(at(expires_at - 1), via_consent(id));
		assert_eq!(at(expires_at), denied(DenialReason::Expired));
		// The chain's clock is what the trait uses.
		Timestamp::set_timestamp(expires_at - 1);
		assert_eq!(read_lab(RELATIVE), via_consent(id));
	});
}

#[test]
fn an_expired_grant_is_denied_before_it_is_pruned() {
	run(|| {
		grant(PATIENT, RELATIVE, wildcard(), READ, Purpose::Treatment, None, Some(NOW + 1));
		Timestamp::set_timestamp(NOW + 1);
		assert_eq!(read_lab(RELATIVE), denied(DenialReason::Expired));
	});
}

#[test]
fn the_closest_grant_gives_the_reason() {
	run(|| {
		// One grant for another purpose, one for the purpose but not the category: the
		// second came closer.
		grant(PATIENT, RELATIVE, wildcard(), READ, Purpose::Research, None, None);
		grant(
			PATIENT,
			RELATIVE,
			named(&[DataCategory::Imaging]),
			READ,
			Purpose::Treatment,
			None,
			None,
		);
		assert_eq!(read_lab(RELATIVE), denied(DenialReason::CategoryNotCovered));
		// Any grant that applies wins over the others.
		let id = grant_lab_read(PATIENT, RELATIVE);
		assert_eq!(read_lab(RELATIVE), via_consent(id));
	});
}

#[test]
fn a_live_grant_says_more_than_an_ended_one() {
	run(|| {
		let revoked = grant_lab_read(PATIENT, RELATIVE);
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), revoked));
		grant(
			PATIENT,
			RELATIVE,
			named(&[DataCategory::Imaging]),
			READ,
			Purpose::Treatment,
			None,
			None,
		);
		assert_eq!(read_lab(RELATIVE), denied(DenialReason::CategoryNotCovered));
	});
}

#[test]
fn a_revoked_grant_to_the_organization_is_reported_to_its_members() {
	run(|| {
		let id = grant_lab_read(PATIENT, HOSPITAL);
		assert_ok!(ConsentPallet::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(read_lab(CLINICIAN), denied(DenialReason::Revoked));
		assert_eq!(read_lab(LAB_TECHNICIAN), denied(DenialReason::NoConsent));
	});
}

#[test]
fn a_decision_is_metered_by_the_grants_it_read() {
	run(|| {
		let counted = |accessor| {
			ConsentPallet::counted_decision(
				&PATIENT,
				&accessor,
				DataCategory::LabResult,
				Action::Read,
				Purpose::Treatment,
				NOW,
			)
		};
		assert_eq!(counted(PATIENT), (AccessDecision::Allowed(AccessVia::Patient), 0));
		assert_eq!(counted(RELATIVE), (denied(DenialReason::NoConsent), 0));
		// Grants are read in order, and the first that allows ends the decision.
		grant_lab_read(PATIENT, OUTSIDER);
		let id = grant_lab_read(PATIENT, RELATIVE);
		grant_lab_read(PATIENT, CLINICIAN);
		assert_eq!(counted(RELATIVE), (via_consent(id), 2));
		// A denial reads them all.
		assert_eq!(counted(HOSPITAL).1, 3);

		// The weight a call is charged in the end is that of the grants read; up front, that
		// of as many as a patient may have.
		let metered = <ConsentPallet as AccessControl<u64>>::decide_metered(
			&PATIENT,
			&RELATIVE,
			DataCategory::LabResult,
			Action::Read,
			Purpose::Treatment,
		);
		assert_eq!(metered, (via_consent(id), <() as WeightInfo>::access_decision(2)));
		let max: u32 = <<Test as Config>::MaxConsentsPerPatient as Get<u32>>::get();
		assert_eq!(
			<ConsentPallet as AccessControl<u64>>::decide_weight(),
			<() as WeightInfo>::access_decision(max)
		);
		assert!(metered.1.all_lt(<ConsentPallet as AccessControl<u64>>::decide_weight()));
	});
}
