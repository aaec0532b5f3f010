//! `GET /api/health`: the build version and whether every binding the edge depends on answers.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HealthReport {
    /// `ok` when every check passed, `degraded` otherwise (answered with 503).
    pub status: HealthStatus,
    pub version: String,
    pub checks: HealthChecks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum HealthStatus {
    Ok,
    Degraded,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HealthChecks {
    pub d1: Check,
    pub kv: Check,
    pub conversation_room: Check,
    pub workspace_inbox: Check,
}

impl HealthChecks {
    pub fn all(&self) -> [(&'static str, &Check); 4] {
        [
            ("d1", &self.d1),
            ("kv", &self.kv),
            ("conversationRoom", &self.conversation_room),
            ("workspaceInbox", &self.workspace_inbox),
        ]
    }

    pub fn status(&self) -> HealthStatus {
        if self.all().iter().all(|(_, check)| check.ok) {
            HealthStatus::Ok
        } else {
            HealthStatus::Degraded
        }
    }
}

/// One binding's answer: `error` says why when it did not answer correctly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl<E: std::fmt::Display> From<Result<(), E>> for Check {
    fn from(result: Result<(), E>) -> Self {
        match result {
            Ok(()) => Check {
                ok: true,
                error: None,
            },
            Err(error) => Check {
                ok: false,
                error: Some(error.to_string()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checks(kv: Result<(), &str>) -> HealthChecks {
        HealthChecks {
            d1: Ok::<(), &str>(()).into(),
            kv: kv.into(),
            conversation_room: Ok::<(), &str>(()).into(),
            workspace_inbox: Ok::<(), &str>(()).into(),
        }
    }

    #[test]
    fn healthy_only_when_every_check_passes() {
        assert_eq!(checks(Ok(())).status(), HealthStatus::Ok);
        let degraded = checks(Err("KV read returned nothing"));
        assert_eq!(degraded.status(), HealthStatus::Degraded);
        assert_eq!(
            degraded.kv.error.as_deref(),
            Some("KV read returned nothing")
        );
    }

    #[test]
    fn serializes_in_camel_case() {
        let json = serde_json::to_value(checks(Ok(()))).unwrap();
        assert_eq!(json["conversationRoom"]["ok"], true);
        assert!(json["kv"].get("error").is_none());
    }
}
