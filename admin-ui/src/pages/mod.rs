//! One file per screen. Signed-in screens are listed in [`PAGES`]: adding one is adding its
//! file and its line here (the nav and the role check follow).

pub mod agent_loops;
pub mod analytics;
pub mod billing;
pub mod bots;
pub mod canned;
pub mod contacts;
pub mod dashboard;
pub mod developers;
pub mod inbox;
pub mod labels;
pub mod outbox;
pub mod sign_in;
pub mod sign_up;
pub mod sub_accounts;
pub mod team;
pub mod verify;
pub mod widgets;

use leptos::prelude::*;
use parley_shared_types::auth::Role;

#[derive(Debug)]
pub struct PageDef {
    /// The route's first segment: `#/inbox`.
    pub path: &'static str,
    pub title: &'static str,
    pub admin_only: bool,
    pub render: fn() -> AnyView,
}

impl PageDef {
    pub fn visible_to(&self, role: Role) -> bool {
        !self.admin_only || role == Role::Admin
    }
}

/// Every signed-in screen, in nav order; the first is where an empty route goes.
pub static PAGES: [PageDef; 13] = [
    PageDef {
        path: "inbox",
        title: "Inbox",
        admin_only: false,
        render: inbox::render,
    },
    PageDef {
        path: "contacts",
        title: "Contacts",
        admin_only: false,
        render: contacts::render,
    },
    PageDef {
        path: "dashboard",
        title: "Dashboard",
        admin_only: true,
        render: dashboard::render,
    },
    PageDef {
        path: "analytics",
        title: "Analytics",
        admin_only: false,
        render: analytics::render,
    },
    PageDef {
        path: "widgets",
        title: "Widgets",
        admin_only: true,
        render: widgets::render,
    },
    PageDef {
        path: "bots",
        title: "Bots",
        admin_only: true,
        render: bots::render,
    },
    PageDef {
        path: "agent-loops",
        title: "Agent loops",
        admin_only: true,
        render: agent_loops::render,
    },
    PageDef {
        path: "team",
        title: "Team",
        admin_only: true,
        render: team::render,
    },
    PageDef {
        path: "canned",
        title: "Canned responses",
        admin_only: false,
        render: canned::render,
    },
    PageDef {
        path: "labels",
        title: "Labels",
        admin_only: true,
        render: labels::render,
    },
    PageDef {
        path: "billing",
        title: "Billing",
        admin_only: false,
        render: billing::render,
    },
    PageDef {
        path: "developers",
        title: "Developers",
        admin_only: true,
        render: developers::render,
    },
    PageDef {
        path: "sub-accounts",
        title: "Sub-accounts",
        admin_only: true,
        render: sub_accounts::render,
    },
];

/// What `path` opens for `role`: its screen, the first screen for an empty path, or why not.
pub fn resolve(path: &str, role: Role) -> Result<&'static PageDef, String> {
    if path.is_empty() {
        return Ok(&PAGES[0]);
    }
    match PAGES.iter().find(|p| p.path == path) {
        Some(page) if page.visible_to(role) => Ok(page),
        Some(page) => Err(format!("{} is for admins only.", page.title)),
        None => Err(format!("There is no screen called {path:?}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn agents_get_the_inbox_contacts_analytics_canned_responses_and_billing_and_admins_everything()
    {
        let agent: Vec<_> = PAGES
            .iter()
            .filter(|p| p.visible_to(Role::Agent))
            .map(|p| p.path)
            .collect();
        assert_eq!(
            agent,
            ["inbox", "contacts", "analytics", "canned", "billing"]
        );
        assert_eq!(
            PAGES.iter().filter(|p| p.visible_to(Role::Admin)).count(),
            PAGES.len()
        );
        assert_eq!(resolve("", Role::Agent).unwrap().path, "inbox");
        assert!(
            resolve("team", Role::Agent)
                .unwrap_err()
                .contains("admins only")
        );
        assert_eq!(resolve("team", Role::Admin).unwrap().title, "Team");
        assert!(
            resolve("developers", Role::Agent)
                .unwrap_err()
                .contains("admins only")
        );
        assert!(resolve("nope", Role::Admin).is_err());
    }
}
