package v1alpha1

// Employment is how a person is employed by their department. The reform lets only formal
// staff with a law-enforcement certificate work in the Center; temporary staff are replaced.
// +kubebuilder:validation:Enum=Formal;Temporary
type Employment string

const (
	EmploymentFormal    Employment = "Formal"
	EmploymentTemporary Employment = "Temporary"
)

// Grade is a person's cadre grade, where a rule needs it.
// +kubebuilder:validation:Enum=Staff;SectionLevel;DivisionLevel;BureauLevel
type Grade string

const (
	// GradeStaff holds no leadership post (科员/办事员).
	GradeStaff Grade = "Staff"
	// GradeSectionLevel is a section-level cadre (股级干部): the least grade that may head the
	// window of a vertical unit without an approval-service section.
	GradeSectionLevel Grade = "SectionLevel"
	// GradeDivisionLevel heads a county bureau's division or the bureau itself (科级).
	GradeDivisionLevel Grade = "DivisionLevel"
	// GradeBureauLevel is a county leader (处级 and above), e.g. a deputy county head.
	GradeBureauLevel Grade = "BureauLevel"
)

// Person is someone the reform names: staff, a head, a chief representative or a leader in
// charge. onestop keeps people as records inside the objects that name them.
type Person struct {
	// name is the person's name as written in the department's records, e.g. "王芳".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=64
	Name string `json:"name"`

	// userName is the person's user name in the cluster (what request.userInfo.username says
	// when they act), so that decisions they record can be checked as theirs.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	UserName string `json:"userName,omitempty"`

	// employment is Formal or Temporary.
	// +required
	Employment Employment `json:"employment"`

	// certificate is the person's administrative law-enforcement certificate (执法证).
	// +optional
	Certificate *Certificate `json:"certificate,omitempty"`

	// grade is the person's cadre grade; rules that need one say so.
	// +optional
	Grade Grade `json:"grade,omitempty"`

	// title is the person's post, e.g. "副局长" or "审批服务科科长", for reports.
	// +optional
	// +kubebuilder:validation:MaxLength=64
	Title string `json:"title,omitempty"`
}

// Certificate is an administrative law-enforcement certificate.
type Certificate struct {
	// number is the certificate's number as printed on it.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=64
	Number string `json:"number"`

	// expires is the last day the certificate is valid, as YYYY-MM-DD. A person whose
	// certificate has expired counts as uncertified from the next day.
	// +required
	// +kubebuilder:validation:Format=date
	Expires string `json:"expires"`
}
